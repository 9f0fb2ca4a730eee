import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, newAccount, signInViaApi } from "../support/accounts";
import { addMember } from "../support/admin";

const REGIONS = ["us-east-1", "eu-west-1", "us-west-2"];

test("plan, apply a 3-region rolling deployment, watch the lanes and approve the gated wave as another member", async ({
  browser,
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const service = `e2e-${Date.now().toString(36)}`;
  await signInViaApi(context, DEMO_ACCOUNT);
  await page.goto("/dashboard/deployments");
  await expect(page.getByRole("heading", { level: 1, name: "Deployments" })).toBeVisible();
  await page.getByRole("link", { name: "New deployment" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "New deployment" })).toBeVisible();

  await page.getByLabel("Service").fill(service);
  await page.getByLabel("Instances per region").fill("1");
  for (const region of REGIONS)
    await page.getByRole("checkbox", { name: region, exact: true }).check();
  for (const region of REGIONS) await page.getByLabel(`Bake seconds for ${region}`).fill("1");
  await page.getByLabel("Require approval before us-west-2").check();

  // An unfixed field is named inline before anything is sent.
  await page.getByLabel("Service").fill("Bad Name");
  await page.getByRole("button", { name: "Review plan" }).click();
  await expect(page.getByText("lowercase letters, digits or dashes")).toBeVisible();
  await page.getByLabel("Service").fill(service);

  // The plan: the diff and cost per region, and nothing applied yet.
  await page.getByRole("button", { name: "Review plan" }).click();
  const plan = page.getByTestId("deployment-plan");
  await expect(plan).toBeVisible();
  await expect(plan.getByTestId("plan-region")).toHaveCount(3);
  for (const region of REGIONS) {
    const row = plan.locator(`[data-region="${region}"]`);
    await expect(row).toContainText("create 1 instances");
    await expect(row.getByTestId("plan-region-cost")).toContainText("$");
  }
  await expect(plan.getByTestId("plan-delta")).toContainText("+$");
  await expect(page.getByTestId("region-choice").filter({ hasText: "us-east-1" })).toContainText(
    "/mo",
  );
  const before = await page.evaluate(async (s) => {
    const res = await fetch(`/api/proxy/v1/deployments?service=${s}`);
    return ((await res.json()) as { data: unknown[] }).data.length;
  }, service);
  expect(before).toBe(0);

  // The detail page subscribes to deployment events through the portal proxy.
  const stream = page.waitForResponse((r) => r.url().includes("/api/proxy/v1/events/stream"));
  await page.getByRole("button", { name: "Apply deployment" }).click();
  await expect(page).toHaveURL(/\/dashboard\/deployments\/dep_[A-Za-z0-9]+$/);
  const detailUrl = page.url();
  const subscribed = await stream;
  expect(subscribed.status()).toBe(200);
  expect(subscribed.url()).toContain("type=deployment.*");
  expect(await subscribed.headerValue("content-type")).toContain("text/event-stream");
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(service) })).toBeVisible();
  const lane = (region: string) =>
    page.locator(`[data-testid="region-lane"][data-region="${region}"]`);
  await expect(page.getByTestId("region-lane")).toHaveCount(3);

  // The first two waves roll out and bake; the third holds for approval.
  await expect(lane("us-east-1")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(lane("eu-west-1")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("deployment-status")).toHaveAttribute(
    "data-status",
    "awaiting_approval",
    { timeout: 15_000 },
  );
  await expect(lane("us-west-2")).toHaveAttribute("data-status", "pending");
  await expect(
    lane("us-east-1").getByRole("link", { name: new RegExp(`${service}-r1-us-east-1`) }),
  ).toBeVisible();
  // The creator is not offered approve.
  await expect(page.getByRole("button", { name: "Cancel", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve wave" })).toHaveCount(0);

  const developer = newAccount("deployer");
  await addMember("acme-demo", developer.email, "developer", developer.password);
  const second = await browser.newContext();
  try {
    const other = await second.newPage();
    await signInViaApi(second, developer);
    await other.goto(detailUrl);
    await other.getByRole("button", { name: "Approve wave" }).click();
    await expect(other.getByTestId("deployment-status")).not.toHaveAttribute(
      "data-status",
      "awaiting_approval",
    );
  } finally {
    await second.close();
  }

  // The creator's page follows on its own: the last lane and the deployment succeed.
  await expect(lane("us-west-2")).toHaveAttribute("data-status", "succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("deployment-status")).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("detail-progress")).toHaveText("3/3 succeeded");

  await page.goto("/dashboard/deployments");
  const row = page.getByTestId("deployment-row").filter({ hasText: service });
  await expect(row.getByTestId("deployment-status")).toHaveAttribute("data-status", "succeeded");
  await expect(row.getByTestId("deployment-progress")).toContainText("3/3 regions");
});
