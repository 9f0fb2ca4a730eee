import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi, signUpViaUi } from "../support/accounts";
import { proxyFromPage } from "../support/portal";
import { afterFlush, createKeyViaProxy, spend } from "../support/usage";

/**
 * Every portal page, signed in with data on it, at a laptop, a tablet and a phone width: the page
 * never scrolls sideways, and every table either fits its card or scrolls inside it with a
 * visible cue (a shadow on the side where columns are hidden, and a focusable frame). The charts'
 * data tables are opened first, so they are measured too.
 */

const WIDTHS = [1366, 768, 390];

interface TableFit {
  name: string;
  fits: boolean;
  framed: boolean;
  hiddenSides: string | null;
  focusable: boolean;
  cues: number;
}

function tableFits(page: Page): Promise<TableFit[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll("table")]
      .filter((table) => table.getBoundingClientRect().width > 0)
      .map((table) => {
        const frame = table.closest<HTMLElement>("[data-slot='table-container']");
        const box = frame ?? (table.parentElement as HTMLElement);
        const cues = [
          ...(frame?.parentElement?.querySelectorAll<HTMLElement>(
            ":scope > [data-slot='table-cue']",
          ) ?? []),
        ].filter((cue) => Number(getComputedStyle(cue).opacity) > 0.5);
        return {
          name:
            table.querySelector("caption")?.textContent ||
            table.closest("[data-testid]")?.getAttribute("data-testid") ||
            table.querySelector("th")?.textContent ||
            "table",
          fits: box.scrollWidth <= box.clientWidth + 1,
          framed: frame !== null,
          hiddenSides: frame?.dataset.hiddenSides ?? null,
          focusable: frame?.tabIndex === 0,
          cues: cues.length,
        };
      }),
  );
}

async function expectFits(page: Page, label: string): Promise<void> {
  await page.evaluate(() => {
    for (const details of document.querySelectorAll("details")) details.open = true;
  });
  const [scrollWidth, width] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    innerWidth,
  ]);
  expect(scrollWidth, `${label}: the page scrolls sideways`).toBeLessThanOrEqual(width);
  // The frame measures itself after layout: poll until each overflowing table shows its cue.
  await expect
    .poll(
      async () =>
        (await tableFits(page))
          .filter(
            (t) => !t.fits && !(t.framed && t.hiddenSides !== "none" && t.focusable && t.cues > 0),
          )
          .map((t) => t.name),
      { message: `${label}: tables cut off without a cue` },
    )
    .toEqual([]);
}

test("every portal page fits 1366, 768 and 390 px; wide tables scroll inside their card with a cue", async ({
  page,
  context,
}) => {
  test.setTimeout(300_000);
  const receiver = createServer((_req, res) => res.writeHead(200).end("ok"));
  await new Promise<void>((done) => receiver.listen(0, "127.0.0.1", done));
  const { port } = receiver.address() as AddressInfo;
  await signInViaApi(context, DEMO_ACCOUNT);
  await page.goto("/dashboard");
  const endpoint = await proxyFromPage<{ id: string }>(page, "POST", "/v1/webhook-endpoints", {
    url: `http://127.0.0.1:${port}/hooks/a-rather-long-path/for-the-layout-check`,
    enabled_events: ["webhook.test"],
  });
  expect(endpoint.status).toBe(201);
  try {
    expect(
      (await proxyFromPage(page, "POST", `/v1/webhook-endpoints/${endpoint.body.id}/test`)).status,
    ).toBeLessThan(300);
    const resources = await proxyFromPage<{ data: Array<{ id: string }> }>(
      page,
      "GET",
      "/v1/resources?limit=1",
    );
    const resource = resources.body.data[0]?.id;
    expect(resource, "the demo account has resources").toBeTruthy();

    // Each page with what shows that its data is there.
    const pages: Array<[string, (p: Page) => ReturnType<Page["locator"]>]> = [
      ["/dashboard", (p) => p.getByTestId("quick-start-curl")],
      ["/dashboard/resources", (p) => p.getByTestId("resource-row").first()],
      [`/dashboard/resources/${resource}`, (p) => p.getByTestId("event-timeline")],
      ["/dashboard/usage", (p) => p.getByTestId("usage-by-key").locator("tbody tr").first()],
      ["/dashboard/billing", (p) => p.getByTestId("billing-invoices").locator("tbody tr").first()],
      ["/dashboard/rate-limits", (p) => p.getByTestId("rate-gauge")],
      ["/dashboard/webhooks", (p) => p.getByText("/hooks/a-rather-long-path").first()],
      [
        `/dashboard/webhooks/${endpoint.body.id}`,
        (p) => p.getByRole("main").locator("tbody tr").filter({ hasText: "webhook.test" }).first(),
      ],
      ["/dashboard/settings/api-keys", (p) => p.getByRole("main").locator("tbody tr").first()],
      ["/dashboard/events", (p) => p.getByTestId("event-row").first()],
    ];
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const [path, ready] of pages) {
        await page.goto(path);
        await expect(ready(page), `${path} at ${width} px has its data`).toBeVisible({
          timeout: 20_000,
        });
        await expectFits(page, `${path} at ${width} px`);
      }
    }
  } finally {
    await proxyFromPage(page, "DELETE", `/v1/webhook-endpoints/${endpoint.body.id}`);
    await new Promise<void>((done) => receiver.close(() => done()));
  }
});

test("the rate-limits page with 429s by key fits 1366, 768 and 390 px", async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  // A new organization is on the free plan (100 requests a minute): 110 requests give 10 429s.
  await signUpViaUi(page);
  const key = await createKeyViaProxy(context, "a-key-with-a-long-name-for-the-layout-check");
  expect((await spend(request, key.secret, 110)).filter((s) => s === 429)).toHaveLength(10);
  await afterFlush();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/dashboard/rate-limits");
    await expect(
      page.getByTestId("rate-throttled-keys").locator("tbody tr").first(),
      `429s by key at ${width} px`,
    ).toBeVisible({ timeout: 20_000 });
    await expectFits(page, `/dashboard/rate-limits at ${width} px`);
  }
});

test("the signed-out pages fit 1366, 768 and 390 px", async ({ page }) => {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const path of ["/", "/login", "/signup"]) {
      await page.goto(path);
      await expect(page.getByRole("main")).toBeVisible();
      await expectFits(page, `${path} at ${width} px`);
    }
  }
});
