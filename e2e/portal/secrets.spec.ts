import { expect, type Page, test } from "@playwright/test";
import { parseKeySecret } from "../../lib/keys/secret";
import { signUpViaUi } from "../support/accounts";
import { createKeyViaUi, proxyFromPage, SECRET_PATTERN } from "../support/portal";
import { setSandbox } from "../support/shell";

const PAGES = [
  "/",
  "/login",
  "/dashboard",
  "/dashboard/resources",
  "/dashboard/settings/api-keys",
  "/dashboard/usage",
  "/dashboard/rate-limits",
  "/dashboard/billing",
  "/docs",
  "/docs/authentication",
  "/docs/api",
];

/** Real keys found in a text: the pattern, with a valid checksum (doc examples have none). */
function realKeysIn(text: string): string[] {
  return [...text.matchAll(SECRET_PATTERN)].map((m) => m[0]).filter((k) => parseKeySecret(k));
}

test("no key secret in any served HTML, RSC payload, JSON or script chunk outside the reveal", async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  // Every script the browser loads on the way, the lazily loaded dialogs included.
  const scripts = new Set<string>();
  page.on("response", (res) => {
    if (res.url().includes("/_next/static/") && res.url().endsWith(".js")) scripts.add(res.url());
  });

  await signUpViaUi(page);
  const live = await createKeyViaUi(page, "live secret");
  await setSandbox(page, true);
  await page.goto("/dashboard/settings/api-keys");
  const sandbox = await createKeyViaUi(page, "sandbox secret");
  expect(live).toMatch(/^sk_live_/);
  expect(sandbox).toMatch(/^sk_test_/);
  // Used once each, so last_used and the usage pages have something to show.
  for (const secret of [live, sandbox]) {
    const res = await context.request.get("/v1/regions", {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status()).toBe(200);
  }
  const secrets = [live, sandbox];

  const check = (where: string, text: string) => {
    for (const secret of secrets)
      expect(text.includes(secret), `${secret} in ${where}`).toBe(false);
    expect(realKeysIn(text), `a key in ${where}`).toEqual([]);
  };

  // The page the keys were made on: the DOM, storage and URL hold nothing once the panel closed.
  const inBrowser = async (p: Page) =>
    p.evaluate(() =>
      [
        document.documentElement.outerHTML,
        JSON.stringify({ ...localStorage }),
        JSON.stringify({ ...sessionStorage }),
        location.href,
        document.cookie,
      ].join("\n"),
    );
  check("the keys page after the reveal", await inBrowser(page));

  for (const environment of ["test", "live"] as const) {
    await page.goto("/dashboard");
    await setSandbox(page, environment === "test");
    for (const path of PAGES) {
      await page.goto(path);
      check(`${path} (${environment}, rendered)`, await inBrowser(page));
      const html = await context.request.get(path);
      const text = await html.text();
      check(`${path} (${environment}, HTML)`, text);
      for (const match of text.matchAll(/src="(\/_next\/static\/[^"]+\.js)"/g)) {
        if (match[1]) scripts.add(new URL(match[1], page.url()).toString());
      }
      if (path.startsWith("/dashboard")) {
        const flight = await context.request.get(path, { headers: { RSC: "1" } });
        check(`${path} (${environment}, RSC payload)`, await flight.text());
      }
    }
    for (const apiPath of [
      "/v1/api-keys?per_page=100",
      "/v1/events?limit=100",
      "/v1/rate-limits",
      "/v1/usage",
    ]) {
      const answer = await proxyFromPage(page, "GET", apiPath);
      check(`${apiPath} (${environment}, JSON)`, JSON.stringify(answer.body));
    }
  }

  // Open the dialogs too, so their chunks are in the set.
  // Each dialog's code loads on first use: wait for it to open and close before the next step,
  // or a late dialog opens over the palette and hides it.
  await page.goto("/dashboard/settings/api-keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const keyDialog = page.getByRole("dialog", { name: "Create an API key" });
  await expect(keyDialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(keyDialog).toBeHidden();
  await page.goto("/dashboard/resources");
  await page.getByRole("button", { name: "Create resource" }).first().click();
  const resourceDialog = page.getByRole("dialog", { name: "Create a resource" });
  await expect(resourceDialog).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(resourceDialog).toBeHidden();
  await page.keyboard.press("Control+k");
  await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible();

  expect(scripts.size).toBeGreaterThan(5);
  for (const url of scripts) {
    const res = await context.request.get(url);
    expect(res.ok(), url).toBe(true);
    check(url, await res.text());
  }
});
