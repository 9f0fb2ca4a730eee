import { expect, test } from "@playwright/test";
import { docsHref } from "@/lib/docs/content-types";
import { DOC_SLUGS } from "@/lib/docs/pages";
import { expectNoSeriousA11yViolations } from "../support/axe";

// Every test here is independent and read-only, so they may run on any worker in any order.
test.describe.configure({ mode: "parallel" });

test.describe("docs axe (each page in both themes)", () => {
  for (const slug of DOC_SLUGS) {
    test(`${docsHref(slug)} has no serious or critical violation`, async ({ page }) => {
      // The CLI reference (every command's flags and examples) takes axe over a minute when busy.
      test.setTimeout(150_000);
      await page.goto(docsHref(slug));
      await expectNoSeriousA11yViolations(page);
    });
  }

  test("the docs' 404 page has no serious or critical violation", async ({ page }) => {
    await page.goto("/docs/no-such-guide");
    await expectNoSeriousA11yViolations(page);
  });

  // The reference pages are the largest documents; sharding them lets both workers share them.
  const SHARDS = 2;
  for (let shard = 0; shard < SHARDS; shard++) {
    test(`API reference pages, part ${shard + 1} of ${SHARDS}, have no serious or critical violation`, async ({
      page,
    }) => {
      test.setTimeout(300_000);
      await page.goto("/docs/api");
      const pages = await page
        .getByRole("navigation", { name: "Documentation" })
        .first()
        .getByRole("link")
        .evaluateAll((links) => [
          ...new Set(
            links.map((a) => a.getAttribute("href") ?? "").filter((h) => h.startsWith("/docs/api")),
          ),
        ]);
      expect(pages.length).toBeGreaterThan(5);
      // Every reference page is the same template in the same colours: contrast in the other
      // theme is checked on each shard's first page; every rule runs on every page.
      const mine = pages.filter((_, index) => index % SHARDS === shard);
      for (const [index, path] of mine.entries()) {
        await page.goto(path);
        await expectNoSeriousA11yViolations(page, { bothThemes: index === 0 });
      }
    });
  }

  test("open search results, a try-it panel and the phone menu have no serious or critical violation", async ({
    page,
  }) => {
    test.setTimeout(180_000);
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
