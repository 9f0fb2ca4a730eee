import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
const serverScript = process.env.E2E_SERVER_JS ?? "dist/server.js";
export const baseURL = `http://localhost:${port}`;

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  },
};

/**
 * Runs against the production build (npm run build), on a fresh SQLite store, one server for
 * all tests. API tests talk HTTP with Bearer keys; portal tests drive a real Chromium.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: { baseURL, trace: "retain-on-failure" },
  projects: [
    { name: "api", testDir: "e2e/api" },
    { name: "portal", testDir: "e2e/portal", use: chromium },
  ],
  webServer: {
    command: `rm -rf ${dataDir} && exec node ${serverScript}`,
    url: `${baseURL}/api/healthz`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      DATA_DIR: dataDir,
      REQUIRE_HTTPS: "0",
      SEED_DEMO: "1",
      LOG_LEVEL: "warn",
      PROVISION_DELAY_MS: process.env.E2E_PROVISION_DELAY_MS ?? "1500",
      NEXTAUTH_URL: baseURL,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR ?? ".next",
      // Every portal test signs up from 127.0.0.1; the production default (20/hour) is kept.
      SIGNUP_LIMIT_PER_HOUR: process.env.E2E_SIGNUP_LIMIT_PER_HOUR ?? "1000",
      WEBHOOK_ALLOW_PRIVATE_URLS: "1",
    },
  },
});
