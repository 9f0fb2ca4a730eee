import { gzipSync } from "node:zlib";
import { type BrowserContext, expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";

/** The budget: at most 170 kB (1 kB = 1000 bytes) of gzip JavaScript on first load. */
const BUDGET_BYTES = 170_000;

const PAGES = [
  "/dashboard",
  "/dashboard/resources",
  "/dashboard/settings/api-keys",
  "/dashboard/usage",
  "/dashboard/billing",
  "/dashboard/rate-limits",
  "/dashboard/webhooks",
  "/dashboard/events",
  "/dashboard/settings/audit-log",
  "/dashboard/settings/members",
];

test("every portal page's first-load JavaScript, as served, stays within 170 kB gzip", async ({
  context,
}) => {
  const signedOut = ["/", "/login", "/signup"];
  await measure(context, signedOut);
  await signInViaApi(context, DEMO_ACCOUNT);
  const resources = await (await context.request.get("/api/proxy/v1/resources?limit=1")).json();
  const someResource = (resources as { data: Array<{ id: string }> }).data[0]?.id;
  expect(someResource, "the demo account has resources").toBeTruthy();
  await measure(context, [...PAGES, `/dashboard/resources/${someResource}`]);
});

async function measure(context: BrowserContext, paths: string[]): Promise<void> {
  for (const path of paths) {
    const html = await (await context.request.get(path)).text();
    // The scripts the HTML loads, without the noModule polyfills modern browsers skip.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)]
      .filter((m) => !/nomodule/i.test(m[1] ?? ""))
      .map((m) => /src="([^"]+\.js[^"]*)"/.exec(m[1] ?? "")?.[1])
      .filter((src): src is string => src !== undefined);
    expect(scripts.length, path).toBeGreaterThan(0);
    let total = 0;
    for (const src of new Set(scripts)) {
      const body = await (await context.request.get(src)).body();
      total += gzipSync(body, { level: 9 }).length;
    }
    console.log(`first-load JS ${path}: ${(total / 1000).toFixed(1)} kB gzip`);
    expect(total, path).toBeLessThanOrEqual(BUDGET_BYTES);
    // Charts (recharts) load only when a chart is on screen.
    expect(html, path).not.toContain("recharts");
  }
}
