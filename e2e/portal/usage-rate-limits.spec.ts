import { expect, test } from "@playwright/test";
import { signUpViaUi } from "../support/accounts";
import { afterFlush, createKeyViaProxy, spend } from "../support/usage";

test("the live gauge follows a key's requests, shows 429s past the free limit, and a plan change lifts the limit", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  await signUpViaUi(page); // a new organization: free plan, 100 requests a minute
  const key = await createKeyViaProxy(context, "gauge");

  await page.goto("/dashboard/rate-limits");
  const gauge = page.getByTestId("rate-gauge");
  await expect(gauge).toHaveAttribute("data-limit", "100");
  await expect(gauge).toHaveAttribute("data-used", "0");

  expect(new Set(await spend(request, key.secret, 30))).toEqual(new Set([200]));
  // No reload: the gauge refreshes itself every few seconds.
  await expect(gauge).toHaveAttribute("data-used", "30", { timeout: 10_000 });
  await expect(page.getByTestId("rate-keys")).toContainText("gauge");

  const statuses = await spend(request, key.secret, 80);
  expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  await expect(gauge).toHaveAttribute("data-used", "110", { timeout: 10_000 });
  await expect(gauge).toContainText("Limit reached");
  await afterFlush();
  await expect(page.getByTestId("rate-throttled-total")).toHaveText("10", { timeout: 10_000 });
  await expect(page.getByTestId("rate-throttled-keys")).toContainText("gauge");
  await expect(
    page.getByTestId("rate-throttled-chart").locator("svg.recharts-surface[role='application']"),
  ).toBeVisible();

  // The owner moves to Pro; the very next request carries the new limit.
  await page.goto("/dashboard/billing");
  await page.getByRole("button", { name: "Upgrade to Pro" }).click();
  await page.getByRole("button", { name: "Switch to Pro" }).click();
  await expect(page.getByTestId("billing-plan")).toHaveText("Pro");
  const res = await request.get("/v1/regions", {
    headers: { authorization: `Bearer ${key.secret}` },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["x-ratelimit-limit"]).toBe("10000");
  await page.goto("/dashboard/rate-limits");
  await expect(page.getByTestId("rate-gauge")).toHaveAttribute("data-limit", "10000");
});
