import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";
import { expectNoSeriousA11yViolations } from "../support/axe";

const PAGES = [
  { path: "/dashboard/usage", heading: "Usage", ready: "usage-status-chart" },
  { path: "/dashboard/billing", heading: "Billing", ready: "billing-services-chart" },
  { path: "/dashboard/rate-limits", heading: "Rate limits", ready: "rate-gauge" },
] as const;

test.describe("usage, billing and rate-limit pages (axe: both themes)", () => {
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
