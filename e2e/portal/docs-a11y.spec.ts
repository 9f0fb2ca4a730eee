import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "../support/axe";

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`docs axe, ${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test("every docs page has no serious or critical violation", async ({ page }) => {
      test.setTimeout(240_000);
      await page.goto("/docs");
      const pages = await page
        .getByRole("navigation", { name: "Documentation" })
        .first()
        .getByRole("link")
        .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute("href") ?? ""))]);
      expect(pages.length).toBeGreaterThan(20);
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveClass(
          colorScheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/,
        );
        await expectNoSeriousA11yViolations(page);
      }
    });

    test("open search results and a try-it panel have no serious or critical violation", async ({
      page,
    }) => {
      await page.goto("/docs/api/resources");
      await page.getByRole("combobox", { name: "Search the docs" }).fill("pagination");
      await expect(page.getByRole("option").first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.getByRole("combobox", { name: "Search the docs" }).press("Escape");
      await page.getByRole("button", { name: "Try it in your sandbox" }).first().click();
      await expect(page.getByRole("link", { name: "Sign in" }).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page);
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto("/docs/rate-limits");
      await page.getByText("Menu", { exact: true }).click();
      await expectNoSeriousA11yViolations(page);
    });
  });
}
