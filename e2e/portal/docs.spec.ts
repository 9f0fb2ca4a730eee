import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import type { OpenApiDocument } from "@/lib/docs/openapi-types";
import { buildDocsSite } from "@/lib/docs/site";
import { ERROR_CODES } from "@/lib/errors";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";

/** A sample of the getting-started guide, with the clipboard readable. */
async function gettingStartedSample(page: Page, context: BrowserContext, id: string) {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/docs/getting-started");
  return page.locator(`[data-sample='${id}']`);
}

/** Every docs page, as the sidebar of /docs lists them (guides, reference index and areas). */
async function docsPages(page: Page): Promise<string[]> {
  await page.goto("/docs");
  const hrefs = await page
    .getByRole("navigation", { name: "Documentation" })
    .first()
    .getByRole("link")
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs)];
}

test.describe("docs pages", () => {
  test("are static HTML with no framework JavaScript, and samples use this origin", async ({
    page,
    baseURL,
  }) => {
    // Each of the ~40 pages is rendered for the first time here (a reference area in over a
    // second on a busy 2-core machine), so the walk gets more than the default minute.
    test.setTimeout(150_000);
    const pages = await docsPages(page);
    expect(pages.length).toBeGreaterThan(20);
    for (const path of pages) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.getByRole("heading", { level: 1 }), path).toBeVisible();
      const scripts = await page
        .locator("script[src]")
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("src") ?? ""));
      expect(
        scripts.filter((src) => !src.startsWith("/docs/assets/")),
        path,
      ).toEqual([]);
      const bases = await page.locator("[data-base-url]").allTextContents();
      for (const base of bases) expect(base, path).toBe(new URL(baseURL ?? "").origin);
    }
  });

  test("an address that names no page answers 404 with the docs' menu", async ({ page }) => {
    for (const path of ["/docs/no-such-guide", "/docs/api/no-such-area"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
      await expect(
        page.getByRole("navigation", { name: "Documentation" }).first().getByRole("link", {
          name: "Getting started",
        }),
      ).toHaveAttribute("href", "/docs/getting-started");
    }
  });

  test("fit a phone screen without sideways scrolling", async ({ page }) => {
    const pages = await docsPages(page);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const path of pages) {
      await page.goto(path);
      const [scrollWidth, width] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        innerWidth,
      ]);
      expect(scrollWidth, path).toBeLessThanOrEqual(width);
    }
    await page.goto("/docs/errors");
    await page.getByText("Menu", { exact: true }).click();
    await expect(
      page
        .getByRole("navigation", { name: "Documentation" })
        .getByRole("link", { name: "Rate limits" })
        .first(),
    ).toBeVisible();
  });

  test("the Errors page has a row for every error code, where problem types point", async ({
    page,
  }) => {
    await page.goto("/docs/errors#rate_limited");
    for (const code of Object.keys(ERROR_CODES))
      await expect(page.locator(`tr#${code}`)).toContainText(code);
    await expect(page.locator("tr#rate_limited")).toBeInViewport();
  });

  test("the reference shows every operation of the API's OpenAPI document", async ({
    page,
    request,
  }) => {
    const doc = (await (await request.get("/v1/openapi.json")).json()) as OpenApiDocument;
    const site = buildDocsSite(doc);
    for (const tag of site.tags) {
      await page.goto(`/docs/api/${tag.slug}`);
      for (const op of tag.operations) {
        const section = page.locator(`section:has(> h2#${op.anchor})`);
        await expect(section, `${op.method} ${op.path}`).toContainText(op.path);
        await expect(section.locator("[data-sample]")).toHaveCount(1);
      }
    }
  });

  test("copy puts the visible sample on the clipboard; the language choice is remembered", async ({
    page,
    context,
    baseURL,
  }) => {
    const sample = await gettingStartedSample(page, context, "list-resources");
    await sample.getByRole("button", { name: "Copy" }).click();
    await expect(sample.getByRole("button", { name: "Copied" })).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`curl "${new URL(baseURL ?? "").origin}/v1/resources"`);

    await sample.getByText("JavaScript", { exact: true }).click();
    await expect(sample.locator("[data-panel='javascript']")).toBeVisible();
    await expect(sample.locator("[data-panel='curl']")).toBeHidden();
    await page.goto("/docs/pagination");
    await expect(page.locator("[data-sample] [data-panel='javascript']").first()).toBeVisible();
  });

  test("SDK and CLI tabs: one choice for every sample that has it, copied as shown", async ({
    page,
    context,
    baseURL,
  }) => {
    const sample = await gettingStartedSample(page, context, "create-resource");
    await sample.getByText("CLI", { exact: true }).click();
    await expect(sample.locator("[data-panel='cli']")).toBeVisible();
    for (const other of ["curl", "javascript", "sdk"])
      await expect(sample.locator(`[data-panel='${other}']`)).toBeHidden();
    await sample.getByRole("button", { name: "Copy" }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      "cloud resources create --name 'Analytics Pipeline' --region eu-west-1",
    );
    await expect(page.locator("[data-sample='list-resources'] [data-panel='cli']")).toBeVisible();

    await sample.getByText("SDK", { exact: true }).click();
    await expect(sample.locator("[data-panel='sdk']")).toContainText(
      `createClient({ baseUrl: "${new URL(baseURL ?? "").origin}" })`,
    );
    await page.goto("/docs/errors");
    // The CLI refuses a create without --name, so that sample has no CLI tab: it keeps the SDK.
    const refused = page.locator("[data-sample='validation-failed']");
    await expect(refused.locator("[data-panel='sdk']")).toBeVisible();
    await page.locator("[data-sample='not-found']").getByText("CLI", { exact: true }).click();
    await expect(page.locator("[data-sample='not-found'] [data-panel='cli']")).toBeVisible();
    await expect(refused.locator("input[value='cli']")).toHaveCount(0);
    await expect(refused.locator("[data-panel='sdk']")).toBeVisible();
  });

  test("the theme button switches to dark and the choice survives a reload", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/docs");
    const button = page.getByRole("button", { name: /Colour theme/ });
    await expect(button).toHaveAttribute("aria-label", "Colour theme: system");
    await button.click();
    await expect(button).toHaveAttribute("aria-label", "Colour theme: light");
    await button.click();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  });
});

test.describe("docs without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("read fully; only the buttons that need a script are hidden", async ({ page }) => {
    await page.goto("/docs/getting-started");
    await expect(
      page.getByRole("heading", { level: 2, name: /Send an authenticated request/ }),
    ).toBeVisible();
    const sample = page.locator("[data-sample='list-resources']");
    await expect(sample.locator("[data-panel='curl'] pre")).toContainText("/v1/resources");
    await expect(sample.getByRole("button", { name: "Copy" })).toBeHidden();
    await sample.getByText("JavaScript", { exact: true }).click();
    await expect(sample.locator("[data-panel='javascript']")).toBeVisible();
    await sample.getByText("CLI", { exact: true }).click();
    await expect(sample.locator("[data-panel='cli']")).toBeVisible();
    await expect(sample.locator("[data-panel='javascript']")).toBeHidden();
  });
});

test.describe("docs search", () => {
  test("finds the rate-limit guide from 'rate limit', by keyboard", async ({ page }) => {
    await page.goto("/docs/getting-started");
    await page.keyboard.press("/");
    const search = page.getByRole("combobox", { name: "Search the docs" });
    await expect(search).toBeFocused();
    await search.fill("rate limit");
    const results = page.getByRole("listbox", { name: "Search results" });
    await expect(results.getByRole("option").first()).toBeVisible();
    const first = await results.getByRole("option").allTextContents();
    expect(first.some((text) => /Rate limits/.test(text))).toBe(true);
    const target = results.getByRole("option", { name: /Rate limits/ }).first();
    const index = Number((await target.getAttribute("id"))?.split("-").pop());
    for (let i = 0; i < index; i++) await search.press("ArrowDown");
    await expect(search).toHaveAttribute("aria-activedescendant", `docs-search-option-${index}`);
    await search.press("Enter");
    await expect(page).toHaveURL(/\/docs\/rate-limits/);
  });

  test("answers what was typed before the page's script arrived", async ({ page }) => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route("**/docs/assets/docs.js*", async (route) => {
      await held;
      await route.continue();
    });
    // The script is deferred, so the page has not even finished loading while it is held.
    await page.goto("/docs", { waitUntil: "commit" });
    const search = page.getByRole("combobox", { name: "Search the docs" });
    await search.fill("rate limit");
    release();
    await expect(page.getByRole("option", { name: /Rate limits/ }).first()).toBeVisible();
  });

  test("finds the Idempotency-Key header", async ({ page }) => {
    await page.goto("/docs");
    const search = page.getByRole("combobox", { name: "Search the docs" });
    await search.click();
    await search.fill("Idempotency-Key");
    const option = page.getByRole("option", { name: /Idempotency/ }).first();
    await expect(option).toBeVisible();
    await option.click();
    await expect(page).toHaveURL(/\/docs\/idempotency/);
    await search.fill("zzzz-nothing-like-this");
    await expect(page.getByRole("listbox", { name: "Search results" })).toContainText("No results");
    await search.press("Escape");
    await expect(page.getByRole("listbox", { name: "Search results" })).toBeHidden();
  });
});

test.describe("try it", () => {
  test("signed out, it explains how to get a key", async ({ page }) => {
    await page.goto("/docs/api/regions");
    await page.getByRole("button", { name: "Try it in your sandbox" }).first().click();
    const panel = page.locator("[id^='try-']").first();
    await expect(panel.getByRole("link", { name: "Sign in" })).toHaveAttribute(
      "href",
      /\/login\?callbackUrl=/,
    );
    await expect(panel.getByRole("link", { name: "create a free account" })).toHaveAttribute(
      "href",
      "/signup",
    );
    await expect(panel).toContainText("sk_test_");
  });

  test("signed in, it answers from the member's sandbox, never live", async ({ page, context }) => {
    await signInViaApi(context, DEMO_ACCOUNT);
    await page.goto("/docs/api/regions");
    const regions = page.locator("section:has(> h2#get-v1-regions)");
    await regions.getByRole("button", { name: "Try it in your sandbox" }).click();
    await regions.getByRole("button", { name: "Send GET" }).click();
    await expect(regions.locator("[data-try-it-status]")).toHaveAttribute(
      "data-try-it-status",
      "200",
    );
    await expect(regions.locator("[data-try-it-body]")).toContainText("us-east-1");

    await page.goto("/docs/api/resources");
    const create = page.locator("section:has(> h2#post-v1-resources)");
    await create.getByRole("button", { name: "Try it in your sandbox" }).click();
    await create
      .getByLabel("JSON body")
      .fill(JSON.stringify({ name: "try-it-from-docs", region: "eu-west-1" }));
    await create.getByRole("button", { name: "Send POST" }).click();
    await expect(create.locator("[data-try-it-status]")).toHaveAttribute(
      "data-try-it-status",
      "201",
    );
    const body = JSON.parse((await create.locator("[data-try-it-body]").textContent()) ?? "{}") as {
      id: string;
    };
    expect(body.id).toMatch(/^res_/);
    // The resource exists in the sandbox and not in live data.
    const sandbox = await page.request.get(`/api/proxy/v1/resources/${body.id}`, {
      headers: { "X-Cap-Environment": "test" },
    });
    expect(sandbox.status()).toBe(200);
    const live = await page.request.get(`/api/proxy/v1/resources/${body.id}`, {
      headers: { "X-Cap-Environment": "live" },
    });
    expect(live.status()).toBe(404);
  });
});
