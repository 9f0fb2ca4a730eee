import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi, signUpViaUi } from "../support/accounts";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { type SpawnedServer, spawnServer } from "../support/spawn-server";
import { createKeyViaProxy } from "../support/usage";

const rowsOf = (page: Page, objectId: string, type = "resource.created") =>
  page
    .locator(`[data-testid="event-row"][data-event-type="${type}"]`)
    .filter({ hasText: objectId });

async function createBucket(request: APIRequestContext, key: string, name: string) {
  const res = await request.post("/v1/resources", {
    headers: { authorization: `Bearer ${key}` },
    data: { name, type: "bucket" },
  });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

test("the Events page tails live: a new resource within 2 s, pause and resume, URL filters, the drawer", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  await signUpViaUi(page);
  const key = (await createKeyViaProxy(context, "events tail")).secret;

  await page.goto("/dashboard/events");
  await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
  // The history comes first: the key just made is in it.
  await expect(page.locator('[data-event-type="api_key.created"]').first()).toBeVisible();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await expectNoSeriousA11yViolations(page);

  // Live: a resource made through the API with a key shows up within 2 s.
  const first = await createBucket(request, key, "tail-one");
  await expect(rowsOf(page, first)).toHaveCount(1, { timeout: 2_000 });

  // Paused: new events wait (and are counted) instead of showing; Resume shows them.
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "paused");
  const second = await createBucket(request, key, "tail-two");
  await expect(page.getByTestId("buffered-count")).toHaveText(/^[1-9]\d* new events? waiting$/);
  await expect(rowsOf(page, second)).toHaveCount(0);
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(rowsOf(page, second)).toHaveCount(1);
  await expect(page.getByTestId("buffered-count")).toHaveCount(0);
  // Newest on top, among the creations (the first bucket's later status change may be newer).
  const order = await page
    .locator('[data-testid="event-row"][data-event-type="resource.created"]')
    .evaluateAll((rows) => rows.map((r) => r.textContent ?? ""));
  const at = (id: string) => order.findIndex((text) => text.includes(id));
  expect(at(second)).toBeLessThan(at(first));

  // Filters live in the URL and hold after a reload.
  await page.getByLabel("Type").selectOption("resource.created");
  await expect(page).toHaveURL(/type=resource\.created/);
  await page.getByLabel("Object ID").fill(first);
  await expect(page).toHaveURL(new RegExp(`object_id=${first}`));
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel("Type")).toHaveValue("resource.created");
  await expect(page.getByLabel("Object ID")).toHaveValue(first);
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  await expect(rowsOf(page, first)).toHaveCount(1);
  // Under a filter, live events that do not match stay out.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await createBucket(request, key, "tail-three");
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId("event-row")).toHaveCount(1);

  // The drawer: the event's JSON and links to the object and to the request's log line.
  const opener = rowsOf(page, first).getByRole("button", { name: /show details/ });
  await opener.click();
  const drawer = page.getByRole("dialog", { name: "resource.created" });
  await expect(drawer).toBeVisible();
  const json = JSON.parse((await drawer.getByTestId("event-json").textContent()) ?? "{}") as {
    type: string;
    object_id: string;
    request_id: string;
    data: { name: string };
  };
  expect(json).toMatchObject({
    type: "resource.created",
    object_id: first,
    data: { name: "tail-one" },
  });
  expect(json.request_id).toMatch(/^req_/);
  await expect(drawer.getByRole("link", { name: "Open resource" })).toHaveAttribute(
    "href",
    `/dashboard/resources/${first}`,
  );
  await expect(drawer.getByRole("link", { name: "View request log" })).toHaveAttribute(
    "href",
    `/dashboard/logs?request_id=${json.request_id}`,
  );
  await expectNoSeriousA11yViolations(page);
  await page.keyboard.press("Escape");
  await expect(drawer).toHaveCount(0);
  await expect(opener).toBeFocused();
  // Keyboard: Enter on the focused row's button opens it again.
  await page.keyboard.press("Enter");
  await expect(drawer).toBeVisible();
  await page.keyboard.press("Escape");

  // The overview's recent events follow the stream too (it would otherwise poll every 15 s).
  await page.goto("/dashboard");
  await expect(page.getByTestId("recent-events")).toBeVisible();
  await page.waitForTimeout(500);
  await createBucket(request, key, "overview-live");
  await expect(page.getByTestId("recent-events")).toContainText("overview-live", {
    timeout: 5_000,
  });
});

test("an unknown filter in the URL is ignored with an inline message", async ({
  page,
  context,
}) => {
  await signInViaApi(context, DEMO_ACCOUNT);
  await page.goto("/dashboard/events?type=Not%20A%20Type");
  await expect(page.getByRole("alert", { name: "Part of the address was ignored" })).toBeVisible();
  await page.getByLabel("Object ID").fill("nonsense");
  await expect(page.getByText(/An object ID looks like/)).toBeVisible();
  await expect(page).not.toHaveURL(/object_id=/);
});

test.describe("a resource's detail page", () => {
  let server: SpawnedServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    // Its own server with a slow provisioning, so the page is surely up before the job runs.
    server = await spawnServer({
      args: [process.env.E2E_SERVER_JS ?? "dist/server.js"],
      env: {
        NODE_ENV: "production",
        REQUIRE_HTTPS: "0",
        SEED_DEMO: "1",
        PROVISION_DELAY_MS: "6000",
        NEXTAUTH_URL: "http://127.0.0.1:{port}",
      },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test("a provisioning resource turns active from the stream, without a reload or polling", async ({
    browser,
  }) => {
    test.setTimeout(90_000);
    const context = await browser.newContext({ baseURL: server.baseURL });
    await signInViaApi(context, DEMO_ACCOUNT);
    const created = await context.request.post("/api/proxy/v1/resources", {
      headers: { origin: server.baseURL },
      data: { name: "turns-active", type: "bucket" },
    });
    expect(created.status(), await created.text()).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const page = await context.newPage();
    const detailReads: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === `/api/proxy/v1/resources/${id}`) detailReads.push(r.url());
    });
    await page.goto(`/dashboard/resources/${id}`);
    const status = page.getByTestId("resource-status").first();
    await expect(status).toHaveText("provisioning");
    // A mark on this document: a reload would take it away.
    await page.evaluate(() => {
      document.documentElement.dataset.e2eMark = "same-document";
    });
    await expect(status).toHaveText("active", { timeout: 20_000 });
    await expect(
      page.locator('[data-testid="event-timeline"] [data-event-type="resource.active"]'),
    ).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("data-e2e-mark", "same-document");
    // The resource came from the server's first paint and then from the stream, never a poll.
    expect(detailReads).toEqual([]);
    await context.close();
  });
});
