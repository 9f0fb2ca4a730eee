import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";
import { afterFlush, createKeyViaProxy, spend } from "../support/usage";

test("the usage page shows exactly a key's requests, in the URL's filters, and exports them as CSV", async ({
  page,
  context,
  request,
}) => {
  await signInViaApi(context, DEMO_ACCOUNT);
  const key = await createKeyViaProxy(context, `e2e usage ${Date.now()}`);
  expect(await spend(request, key.secret, 6)).toEqual(Array(6).fill(200));
  expect(await spend(request, key.secret, 2, "/v1/resources/res_doesnotexist")).toEqual([404, 404]);
  await afterFlush();

  await page.goto(`/dashboard/usage?key=${key.id}`);
  await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible();
  await expect(page.getByTestId("usage-total-requests")).toContainText("8");
  await expect(page.getByTestId("usage-total-errors")).toContainText("2");

  // The chart's accessible alternative holds the same counts.
  const chart = page.getByTestId("usage-status-chart");
  await expect(chart.locator("svg.recharts-surface[role='application']")).toBeVisible();
  await chart.getByText("Show the data as a table").click();
  const table = page.getByTestId("usage-status-table");
  await expect(table).toBeVisible();
  const totals = await table.locator("tbody tr td:last-child").allTextContents();
  expect(totals.reduce((sum, text) => sum + Number(text.replace(/,/g, "")), 0)).toBe(8);

  // Top routes name the templates.
  await expect(page.getByTestId("usage-top-routes")).toContainText("GET /v1/regions");
  await expect(page.getByTestId("usage-top-routes")).toContainText("GET /v1/resources/:id");

  // CSV export of the same data.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("usage-csv").click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8")
    .trim()
    .split("\r\n");
  expect(csv[0]).toMatch(/^series,timestamp,requests,status_2xx,status_3xx,status_4xx,status_5xx/);
  const columns = csv[0]!.split(",");
  const sum = (name: string) =>
    csv.slice(1).reduce((total, line) => total + Number(line.split(",")[columns.indexOf(name)]), 0);
  expect(sum("requests")).toBe(8);
  expect(sum("status_2xx")).toBe(6);
  expect(sum("status_4xx")).toBe(2);

  // Presets live in the URL with the filters.
  await page.getByRole("button", { name: "7 days" }).click();
  await expect(page).toHaveURL(new RegExp(`range=7d.*key=${key.id}|key=${key.id}.*range=7d`));
  await expect(page.getByTestId("usage-total-requests")).toContainText("8");
  await page.getByRole("button", { name: "Custom" }).click();
  await expect(page).toHaveURL(/range=custom&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByLabel("First day (UTC)")).toBeVisible();
});

test("an empty range shows an empty state, not a broken chart", async ({ page, context }) => {
  await signInViaApi(context, DEMO_ACCOUNT);
  await page.goto("/dashboard/usage?range=custom&from=2020-01-01&to=2020-01-07");
  await expect(page.getByTestId("usage-status-chart-empty")).toBeVisible();
  await expect(page.getByTestId("usage-total-requests")).toContainText("0");
  await expect(page.locator("svg.recharts-surface[role='application']")).toHaveCount(0);
});

test("an export of an impossible custom range answers 400 in words", async ({ request }) => {
  const response = await request.get(
    "/dashboard/usage/export?range=custom&from=2026-01-09&to=2026-01-01",
    { maxRedirects: 0 },
  );
  expect(response.status()).toBe(400);
  expect(await response.text()).toBe("The last day must not be before the first day.");
  const preset = await request.get("/dashboard/usage/export?range=30d", { maxRedirects: 0 });
  expect(preset.status()).toBe(303);
  expect(preset.headers().location).toMatch(
    /^\/api\/proxy\/v1\/usage\?from=[^&]+&to=[^&]+&granularity=day&format=csv$/,
  );
});
