import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { setSandbox } from "../support/shell";

test.describe("axe (each state in both themes)", () => {
  test("/login and /signup have no serious or critical violations", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    // With an error showing.
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto("/signup");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Enter your name")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("the dashboard shell has no serious or critical violations", async ({ page, context }) => {
    await signInViaApi(context, DEMO_ACCOUNT);
    await page.goto("/dashboard");
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    // Sandbox banner, and an open menu.
    await setSandbox(page, true);
    await page.getByTestId("user-menu").click();
    await expect(page.getByRole("menu", { name: "Account" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("Escape");
    await setSandbox(page, false);
  });

  test("phone drawer, home and 404 have no serious or critical violations", async ({
    page,
    context,
  }) => {
    await page.goto("/");
    await expectNoSeriousA11yViolations(page);
    await page.goto("/no-such-page");
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await signInViaApi(context, DEMO_ACCOUNT);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Open navigation" }).click();
    await expect(page.getByRole("dialog", { name: "Navigation" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});
