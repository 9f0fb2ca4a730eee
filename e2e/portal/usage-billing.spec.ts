import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";

test("the billing page shows month-to-date, forecast, services, plans, budget and an invoice with its CSV", async ({
  page,
  context,
}) => {
  await signInViaApi(context, DEMO_ACCOUNT);
  await page.goto("/dashboard/billing");
  await expect(page.getByRole("heading", { level: 1, name: "Billing" })).toBeVisible();
  await expect(page.getByTestId("billing-mtd")).toHaveText(/^\$\d[\d,]*\.\d{2}$/);
  await expect(page.getByTestId("billing-forecast")).toHaveText(/^\$\d[\d,]*\.\d{2}$/);
  await expect(
    page.getByTestId("billing-services-chart").locator("svg.recharts-surface[role='application']"),
  ).toBeVisible();
  await expect(page.getByTestId("billing-line-items")).toContainText("Pro plan");
  await expect(page.getByTestId("plan-pro")).toContainText("Current plan");
  await expect(page.getByTestId("budget-amount")).toHaveText(/^\$\d[\d,]*\.\d{2}$/);
  await expect(page.getByTestId("budget-alerts")).toContainText("50%");

  // Last month's invoice (the demo account's seed): its lines add up to its total.
  const invoices = page.getByTestId("billing-invoices");
  await invoices
    .getByRole("button", { name: /^View invoice/ })
    .first()
    .click();
  const dialog = page.getByTestId("invoice-dialog");
  await expect(dialog).toBeVisible();
  const amounts = await dialog.locator("tbody tr:not(:last-child) td:last-child").allTextContents();
  const cents = (text: string) => Math.round(Number(text.replace(/[$,]/g, "")) * 100);
  const total = cents((await dialog.getByTestId("line-items-total").textContent()) ?? "");
  expect(amounts.reduce((sum, text) => sum + cents(text), 0)).toBe(total);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    dialog.getByTestId("invoice-csv").click(),
  ]);
  const lines = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\r\n");
  expect(lines[0]).toContain("amount_cents");
  expect(lines.at(-1)).toContain(`,${total},`);
});
