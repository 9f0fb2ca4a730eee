import { expect, type Page } from "@playwright/test";

/** The page's <html> theme class once the theme script has applied it ("light" or "dark"). */
export async function themeClass(page: Page): Promise<"light" | "dark"> {
  return page.evaluate(() =>
    document.documentElement.classList.contains("dark") ? "dark" : "light",
  );
}

/** Chooses a theme from the shell's theme button (desktop header or auth pages). */
export async function chooseTheme(page: Page, theme: "light" | "dark" | "system"): Promise<void> {
  await page.getByTestId("theme-toggle").click();
  await page.getByRole("menuitemradio", { name: new RegExp(`^${theme}$`, "i") }).click();
}

/** Flips the Live/Sandbox switch to the wanted state and waits for the page to follow. */
export async function setSandbox(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByRole("switch", { name: "Sandbox" });
  if ((await toggle.getAttribute("aria-checked")) !== String(on)) await toggle.click();
  const banner = page.getByTestId("sandbox-banner");
  if (on) await expect(banner).toBeVisible();
  else await expect(banner).toHaveCount(0);
  await expect(toggle).toHaveAttribute("aria-checked", String(on));
}

/**
 * Waits until React has hydrated the element (its props are attached): a key pressed on a
 * server-rendered control before that has no handler anywhere, as on any server-rendered page.
 */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((wanted) => {
    const element = document.querySelector(wanted);
    return !!element && Object.keys(element).some((key) => key.startsWith("__reactProps"));
  }, selector);
}
