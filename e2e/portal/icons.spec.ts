import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";

test("the icons and the web manifest are served from public/", async ({ request }) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  // An ICO header: reserved 0, type 1 (icon), then the number of images.
  const ico = await favicon.body();
  expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  expect(ico.readUInt16LE(4)).toBeGreaterThanOrEqual(2);

  const manifest = await request.get("/site.webmanifest");
  expect(manifest.status()).toBe(200);
  const { icons, name } = (await manifest.json()) as {
    name: string;
    icons: Array<{ src: string; type: string }>;
  };
  expect(name).toBe("Cloud API Platform");
  for (const icon of [...icons, { src: "/apple-touch-icon.png", type: "image/png" }]) {
    const response = await request.get(icon.src);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()["content-type"], icon.src).toContain(icon.type);
  }
});

test("pages link the icons and load without a 404", async ({ page, context }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await signInViaApi(context, DEMO_ACCOUNT);
  for (const path of ["/", "/dashboard", "/docs/getting-started"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect(page.locator("link[rel='icon'][href='/favicon.ico']"), path).toHaveCount(1);
    await expect(page.locator("link[rel='apple-touch-icon']"), path).toHaveAttribute(
      "href",
      "/apple-touch-icon.png",
    );
    await expect(page.locator("link[rel='manifest']"), path).toHaveAttribute(
      "href",
      "/site.webmanifest",
    );
  }
  expect(missing).toEqual([]);
});
