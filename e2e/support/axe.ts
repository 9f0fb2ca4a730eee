import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface AxeScope {
  include?: string;
  exclude?: string[];
  /**
   * Also check contrast in the other theme (default). Pages built from one template with the
   * same colour tokens need it once, not on every page.
   */
  bothThemes?: boolean;
}

async function seriousViolations(
  page: Page,
  scope: AxeScope,
  configure: (builder: AxeBuilder) => AxeBuilder,
) {
  let builder = configure(new AxeBuilder({ page }));
  if (scope.include) builder = builder.include(scope.include);
  for (const selector of scope.exclude ?? []) builder = builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`),
    }));
}

/**
 * Jumps every running transition and animation to its end: axe reads colours as painted, and a
 * toast fading in (0.4 s) measured 1.8:1 half-way. Endless ones (spinners) cannot finish.
 */
async function finishAnimations(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const animation of document.getAnimations()) {
      try {
        animation.finish();
      } catch {
        // An endless animation has no end to jump to.
      }
    }
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  });
}

/** Shows the other theme (the class and color-scheme the theme script sets), at once. */
async function flipTheme(page: Page): Promise<"light" | "dark"> {
  return page.evaluate(async () => {
    const root = document.documentElement;
    const next = root.classList.contains("dark") ? "light" : "dark";
    // No colour transitions, or axe would read colours half-way.
    let calm = document.getElementById("axe-no-transitions");
    if (!calm) {
      calm = document.createElement("style");
      calm.id = "axe-no-transitions";
      calm.textContent = "*,*::before,*::after{transition:none!important;animation:none!important}";
      document.head.append(calm);
    } else {
      calm.remove();
    }
    root.classList.remove("light", "dark");
    root.classList.add(next);
    root.style.colorScheme = next;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return next;
  });
}

/**
 * Runs axe (WCAG 2.1 A/AA rules) on the page as it is now and fails on any serious or critical
 * violation, listing rule, impact and the first offending elements. Then the same state in the
 * other theme, with the contrast rule only: the themes differ in colours alone, so one page
 * state covers light and dark.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  scope: AxeScope = {},
): Promise<void> {
  await finishAnimations(page);
  const shown = await page.evaluate(() =>
    document.documentElement.classList.contains("dark") ? "dark" : "light",
  );
  const found = await seriousViolations(page, scope, (b) => b.withTags(WCAG_TAGS));
  expect(found, `axe on ${page.url()} (${shown})`).toEqual([]);
  if (scope.bothThemes === false) return;
  const other = await flipTheme(page);
  try {
    const contrast = await seriousViolations(page, scope, (b) => b.withRules(["color-contrast"]));
    expect(contrast, `axe on ${page.url()} (${other})`).toEqual([]);
  } finally {
    await flipTheme(page);
  }
}
