import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";
import { type SpawnedServer, spawnServer } from "../support/spawn-server";

/**
 * React reports a page whose server-rendered HTML differs from the browser's first render only in
 * development (production keeps the server's attributes silently), so this starts the portal
 * once in development mode (tsx server.ts, its own build folder, store and port) and reads the
 * console while the usage page hydrates. Its first compile takes a while on a busy machine.
 */
test.describe.configure({ timeout: 360_000 });

let server: SpawnedServer;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  server = await spawnServer({
    args: ["--import", "tsx", "server.ts"],
    // Its own build folder: a developer's `npm run dev` in this checkout holds a lock on .next.
    env: { NODE_ENV: "development", NEXT_DIST_DIR: ".next-e2e-dev", SEED_DEMO: "1", JOBS: "0" },
    readyTimeoutMs: 240_000,
  });
});

test.afterAll(async () => {
  await server?.stop();
});

test("the usage page hydrates without a mismatch, in every range", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await signInViaApi(context, DEMO_ACCOUNT);

  const csv = page.getByTestId("usage-csv");
  for (const query of ["", "?range=30d", "?range=custom&from=2026-01-01&to=2026-01-07"]) {
    await page.goto(`/dashboard/usage${query}`, { timeout: 240_000 });
    await expect(page.getByRole("heading", { level: 1, name: "Usage" })).toBeVisible({
      timeout: 120_000,
    });
    // A preset answers only once React has hydrated the page.
    await page.getByRole("button", { name: "7 days" }).click();
    await expect(page).toHaveURL(/range=7d/, { timeout: 60_000 });
    expect(
      problems.filter((text) => /hydrat|did not match|didn't match/i.test(text)),
      `/dashboard/usage${query}`,
    ).toEqual([]);
    // The export link holds no clock: the range is resolved when it is followed.
    await expect(csv).toHaveAttribute("href", "/dashboard/usage/export?range=7d");
  }
  await context.close();
});
