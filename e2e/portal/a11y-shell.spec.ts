import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, newAccount, signInViaApi, signUpViaUi } from "../support/accounts";
import { addMember } from "../support/admin";
import { chooseTheme, setSandbox, themeClass, waitForHydration } from "../support/shell";

test.describe("the signed-in shell", () => {
  test.beforeEach(async ({ context }) => {
    await signInViaApi(context, DEMO_ACCOUNT);
  });

  test("the theme switch sets the dark class and survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/dashboard");
    expect(await themeClass(page)).toBe("light");
    await chooseTheme(page, "dark");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await chooseTheme(page, "light");
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
    await page.reload();
    expect(await themeClass(page)).toBe("light");
  });

  test("system theme follows the operating system", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/dashboard");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "light" });
    await expect(page.locator("html")).not.toHaveClass(/\bdark\b/);
  });

  test("Sandbox shows the banner everywhere until switched back to live", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page.getByTestId("sandbox-banner")).toHaveCount(0);
    await setSandbox(page, true);
    const banner = page.getByTestId("sandbox-banner");
    await expect(banner).toContainText("Sandbox");
    await expect(banner).toContainText("sk_test_");
    await expect(banner).toContainText("never billed");
    // The choice is a cookie the server reads: it holds across loads and pages.
    await page.reload();
    await expect(banner).toBeVisible();
    await expect(page.getByRole("switch", { name: "Sandbox" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
    await banner.getByRole("button", { name: "Switch to live" }).click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole("switch", { name: "Sandbox" })).toHaveAttribute(
      "aria-checked",
      "false",
    );
    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(banner).toHaveCount(0);
  });

  test("the organization and project switchers show the current context", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/dashboard");
    const org = page.getByTestId("org-switcher");
    await expect(org).toBeVisible();
    await expect(org).toContainText(DEMO_ACCOUNT.organization);
    await expect(org).toContainText("Pro");
    await org.click();
    const current = page.getByRole("menuitemradio", {
      name: new RegExp(DEMO_ACCOUNT.organization),
    });
    await expect(current).toHaveAttribute("aria-checked", "true");
    await expect(current).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(current).toBeHidden();
    await expect(org).toBeFocused();

    const project = page.getByTestId("project-switcher");
    await expect(project).toContainText("Default project");
    await project.click();
    await expect(page.getByRole("menuitemradio", { name: "Default project" })).toHaveAttribute(
      "aria-checked",
      "true",
    );
  });

  test("keyboard: the skip link is first and moves focus to the content", async ({ page }) => {
    await page.goto("/dashboard");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("#main-content")).toBeFocused();
  });

  test("keyboard: the account menu opens with arrows and signs out", async ({ page }) => {
    await page.goto("/dashboard");
    await waitForHydration(page, "[data-testid='user-menu']");
    await page.getByTestId("user-menu").focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menu", { name: "Account" })).toBeVisible();
    await page.keyboard.press("End");
    await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/login$/);
  });

  test("a header menu takes an arrow key or a click made before its code has arrived", async ({
    page,
  }) => {
    // Hold back the account menu's chunk (the only script that says "Sign out").
    await page.route("**/_next/static/chunks/**", async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      if (body.includes("Sign out")) await new Promise((resolve) => setTimeout(resolve, 3000));
      await route.fulfill({ response, body });
    });
    await page.goto("/dashboard");
    const trigger = page.getByTestId("user-menu");
    // Hydrated (React's props are on the element), the menu's code still on its way.
    await waitForHydration(page, "[data-testid='user-menu']");
    await expect(trigger).not.toHaveAttribute("aria-haspopup", "menu");
    await trigger.focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menu", { name: "Account" })).toBeVisible({ timeout: 15_000 });
    // The arrow opened it the keyboard way: focus is in the menu and the keys move it.
    await page.keyboard.press("End");
    await expect(page.getByRole("menuitem", { name: "Sign out" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("menu", { name: "Account" })).toBeHidden();

    await page.reload();
    await waitForHydration(page, "[data-testid='user-menu']");
    await page.getByTestId("user-menu").click();
    await expect(page.getByRole("menu", { name: "Account" })).toBeVisible({ timeout: 15_000 });
  });

  test("switching organization changes the whole context, role included", async ({
    page,
    context,
  }) => {
    await context.clearCookies();
    const account = await signUpViaUi(page, newAccount("switch"));
    await addMember("acme-demo", account.email, "viewer");
    await page.reload();
    const org = page.getByTestId("org-switcher");
    await expect(org).toContainText(account.organization);
    await org.click();
    await page.getByRole("menuitemradio", { name: new RegExp(DEMO_ACCOUNT.organization) }).click();
    await expect(org).toContainText(DEMO_ACCOUNT.organization);
    await expect(org).toContainText("Pro");
    await page.getByTestId("user-menu").click();
    await expect(page.getByRole("menu", { name: "Account" })).toContainText("Role: viewer");
    await page.keyboard.press("Escape");
    // The choice is remembered, and switching back works.
    await page.reload();
    await expect(org).toContainText(DEMO_ACCOUNT.organization);
    await org.click();
    await page.getByRole("menuitemradio", { name: new RegExp(account.organization) }).click();
    await expect(org).toContainText(account.organization);
    await expect(org).toContainText("Free");
  });

  test.describe("on a phone (360 x 740)", () => {
    test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });

    test("the menu button opens the navigation drawer", async ({ page }) => {
      await page.goto("/dashboard");
      // The sidebar is hidden; the top bar fits the screen with every control on it.
      await expect(page.getByRole("complementary", { name: "Sidebar" })).toBeHidden();
      const header = page.getByRole("banner");
      expect(await header.evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(360);
      for (const control of [
        page.getByRole("switch", { name: "Sandbox" }),
        page.getByTestId("user-menu"),
        page.getByTestId("project-switcher"),
      ]) {
        await expect(control).toBeInViewport({ ratio: 1 });
      }

      const trigger = page.getByRole("button", { name: "Open navigation" });
      await trigger.click();
      const drawer = page.getByRole("dialog", { name: "Navigation" });
      await expect(drawer).toBeVisible();
      await expect(drawer.getByRole("link", { name: "Overview" })).toHaveAttribute(
        "aria-current",
        "page",
      );
      await expect(drawer.getByRole("link", { name: "Documentation" })).toBeVisible();
      await expect(drawer.getByTestId("org-switcher")).toContainText(DEMO_ACCOUNT.organization);
      // Focus is inside the drawer; Escape closes it and returns focus to the menu button.
      expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
      await page.keyboard.press("Escape");
      await expect(drawer).toBeHidden();
      await expect(trigger).toBeFocused();
    });
  });
});
