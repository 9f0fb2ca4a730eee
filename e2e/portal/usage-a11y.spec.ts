import { gzipSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";
import { expectNoSeriousA11yViolations } from "../support/axe";

const PAGES = [
  { path: "/dashboard/usage", heading: "Usage", ready: "usage-status-chart" },
  { path: "/dashboard/billing", heading: "Billing", ready: "billing-services-chart" },
  { path: "/dashboard/rate-limits", heading: "Rate limits", ready: "rate-gauge" },
] as const;

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`usage, billing and rate-limit pages, ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test("have no serious or critical axe violations, tables open", async ({ page, context }) => {
      await signInViaApi(context, DEMO_ACCOUNT);
      for (const { path, heading, ready } of PAGES) {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
        await expect(page.getByTestId(ready)).toBeVisible();
        await page.waitForLoadState("networkidle");
        for (const summary of await page.getByText("Show the data as a table").all()) {
          await summary.click();
        }
        await expectNoSeriousA11yViolations(page);
      }
    });
  });
}

test("each page's first-load JavaScript stays within 170 kB gzip (recharts loads later)", async ({
  context,
}) => {
  await signInViaApi(context, DEMO_ACCOUNT);
  for (const { path } of PAGES) {
    const html = await (await context.request.get(path)).text();
    // The scripts the HTML loads, without the noModule polyfills modern browsers skip.
    const scripts = [...html.matchAll(/<script([^>]*)>/g)]
      .filter((m) => !/nomodule/i.test(m[1] ?? ""))
      .map((m) => /src="([^"]+\.js[^"]*)"/.exec(m[1] ?? "")?.[1])
      .filter((src): src is string => src !== undefined);
    expect(scripts.length).toBeGreaterThan(0);
    let total = 0;
    for (const src of new Set(scripts)) {
      const body = await (await context.request.get(src)).body();
      total += gzipSync(body, { level: 9 }).length;
    }
    console.log(
      `first-load JS ${path}: ${(total / 1024).toFixed(1)} kB gzip (${scripts.length} scripts)`,
    );
    expect(total, path).toBeLessThanOrEqual(170 * 1024);
    expect(html).not.toContain("recharts");
  }
});
