import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { signUpViaUi } from "../support/accounts";
import { SECRET_PATTERN } from "../support/portal";
import { afterFlush, createKeyViaProxy } from "../support/usage";

/** A webhook receiver on a free loopback port that answers 200. */
async function startReceiver() {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/logs`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

test("request logs: the key's requests in the URL's filters, live rows, the trace and copy as curl", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const receiver = await startReceiver();
  try {
    await signUpViaUi(page);
    const key = await createKeyViaProxy(context, `e2e logs ${Date.now()}`);
    const auth = { authorization: `Bearer ${key.secret}` };
    const hook = await request.post("/v1/webhook-endpoints", {
      headers: auth,
      data: { url: receiver.url, enabled_events: ["resource.created"] },
    });
    expect(hook.status(), await hook.text()).toBe(201);
    const created = await request.post("/v1/resources", {
      headers: { ...auth, "idempotency-key": "e2e-logs-1" },
      data: { name: "logged-in-e2e", region: "eu-west-1" },
    });
    expect(created.status()).toBe(201);
    const resourceId = ((await created.json()) as { id: string }).id;
    const postId = created.headers()["x-request-id"] ?? "";
    const missing = await request.get("/v1/resources/res_doesnotexist", { headers: auth });
    expect(missing.status()).toBe(404);
    await afterFlush();

    // From the sidebar, then the key's filter in the URL.
    await page.getByRole("link", { name: "Logs", exact: true }).first().click();
    await expect(page).toHaveURL(/\/dashboard\/logs$/);
    await expect(page.getByRole("heading", { level: 1, name: "Request logs" })).toBeVisible();
    await page.getByLabel("API key id").fill(key.id);
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`api_key_id=${key.id}`));
    const rows = page.getByTestId("log-row");
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText("GET");
    await expect(rows.nth(0)).toContainText("/v1/resources/res_doesnotexist");
    await expect(rows.nth(0).locator("[data-status-class='4xx']")).toHaveText("404");
    await expect(rows.nth(1)).toContainText("/v1/resources");
    await expect(rows.nth(1).locator("[data-status-class='2xx']")).toHaveText("201");
    await expect(rows.nth(2)).toContainText("/v1/webhook-endpoints");

    // A new request shows up without a reload, marked as new.
    const later = await request.get("/v1/regions", { headers: auth });
    expect(later.status()).toBe(200);
    await expect(rows).toHaveCount(4, { timeout: 10_000 });
    await expect(rows.nth(0)).toContainText("/v1/regions");
    await expect(rows.nth(0)).toHaveAttribute("data-fresh", "true");

    // Filters are in the URL: a status class narrows, and survives a reload.
    await page.getByLabel("Status").selectOption("4xx");
    await expect(page).toHaveURL(/status=4xx/);
    await expect(rows).toHaveCount(1);
    await page.reload();
    await expect(rows).toHaveCount(1);
    await expect(page.getByLabel("Status")).toHaveValue("4xx");
    await page.getByLabel("Status").selectOption("");

    // The POST's detail pane: its event, the delivery it caused, links, copy as curl.
    await page.locator(`[data-request-id='${postId}']`).getByRole("button").click();
    await expect(page).toHaveURL(new RegExp(`request=${postId}`));
    const pane = page.getByTestId("log-detail");
    await expect(pane).toContainText("POST /v1/resources");
    await expect(pane).toContainText("e2e-logs-1");
    await expect(pane.getByTestId("trace-event")).toContainText("resource.created");
    await expect(pane.getByRole("link", { name: resourceId })).toHaveAttribute(
      "href",
      `/dashboard/resources/${resourceId}`,
    );
    const delivery = pane.getByTestId("trace-delivery");
    // Its status as it stands: in the full suite other tests' webhook backlog (receivers that are
    // down) may still hold the attempt; the delivery's own outcome is webhooks.spec's subject.
    await expect(delivery).toContainText(/succeeded|pending/, { timeout: 20_000 });
    await expect(delivery.getByRole("link")).toHaveAttribute("href", /^\/dashboard\/webhooks\/we_/);
    await expect(pane.getByTestId("log-key-link")).toHaveText(key.id);
    await pane.getByTestId("copy-curl").click();
    const curl = await page.evaluate(() => navigator.clipboard.readText());
    expect(curl).toContain("curl -X POST");
    expect(curl).toContain("/v1/resources");
    expect(curl).toContain("Authorization: Bearer $CLOUD_API_KEY");
    expect(curl).toContain("Idempotency-Key: e2e-logs-1");
    expect(curl).not.toMatch(SECRET_PATTERN);
    await pane.getByRole("link", { name: resourceId }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/resources/${resourceId}$`));

    // The usage page's keys link into the logs with the key's filter.
    await page.goto(`/dashboard/usage`);
    const byKey = page.getByTestId("usage-by-key");
    await expect(byKey.getByTestId("usage-logs-link").first()).toBeVisible();
    await byKey.locator("tr", { hasText: "e2e logs" }).getByTestId("usage-logs-link").click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/logs\\?api_key_id=${key.id}$`));
    await expect(rows).toHaveCount(4);
    await page.goto("/dashboard/usage");
    await page
      .getByTestId("usage-top-routes")
      .locator("tr", { hasText: "GET /v1/resources/:id" })
      .getByTestId("usage-logs-link")
      .click();
    await expect(page).toHaveURL(/method=GET&route=%2Fv1%2Fresources%2F%3Aid/);
    await expect(page.getByTestId("logs-route-filter")).toContainText("/v1/resources/:id");
    // The member's own dashboard calls to the resource page are logged too (as the member).
    await expect(rows.filter({ hasText: "/v1/resources/res_doesnotexist" })).toHaveCount(1);
    await expect(rows.filter({ hasText: resourceId }).first()).toContainText("@example");
  } finally {
    await receiver.close();
  }
});
