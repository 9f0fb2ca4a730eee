import { expect, test } from "@playwright/test";
import { type SpawnedServer, spawnServer } from "../support/spawn-server";

/**
 * The docs show the base URL of the deployment that serves them, read when the server starts:
 * PUBLIC_API_URL, else NEXTAUTH_URL, else the request's origin. Each test starts the production
 * build (npm run build) once more, on its own port and store, with another configuration.
 */

const serverScript = process.env.E2E_SERVER_JS ?? "dist/server.js";
const production = { NODE_ENV: "production", REQUIRE_HTTPS: "0", SEED_DEMO: "0", JOBS: "0" };
const PAGES = ["/docs/getting-started", "/docs", "/docs/api/resources"];

async function basesShown(
  server: SpawnedServer,
  path: string,
  headers: Record<string, string> = {},
): Promise<string[]> {
  const response = await fetch(`${server.baseURL}${path}`, { headers });
  expect(response.status, path).toBe(200);
  const html = await response.text();
  const shown = [...html.matchAll(/<span data-base-url="">([^<]*)<\/span>/g)].map(
    (m) => m[1] ?? "",
  );
  expect(shown.length, `${path} shows a base URL`).toBeGreaterThan(0);
  return [...new Set(shown)];
}

async function withServer(env: Record<string, string>, body: (s: SpawnedServer) => Promise<void>) {
  const server = await spawnServer({ args: [serverScript], env: { ...production, ...env } });
  try {
    await body(server);
  } finally {
    await server.stop();
  }
}

test("with NEXTAUTH_URL and no PUBLIC_API_URL, the docs show the portal's URL", async () => {
  await withServer({ NEXTAUTH_URL: "http://127.0.0.1:{port}" }, async (server) => {
    expect(server.baseURL).toBe(`http://127.0.0.1:${server.port}`);
    for (const path of PAGES)
      expect(await basesShown(server, path), path).toEqual([server.baseURL]);
    // Rendered once per base URL: the second visit is the same page.
    expect(await basesShown(server, PAGES[0] as string)).toEqual([server.baseURL]);
  });
});

test("with PUBLIC_API_URL, the docs show it", async () => {
  await withServer(
    { NEXTAUTH_URL: "http://127.0.0.1:{port}", PUBLIC_API_URL: "https://api.example.com" },
    async (server) => {
      for (const path of PAGES)
        expect(await basesShown(server, path), path).toEqual(["https://api.example.com"]);
    },
  );
});

test("with neither, the docs show the origin the request came to, as a trusted proxy reports it", async () => {
  await withServer({}, async (server) => {
    expect(await basesShown(server, "/docs/getting-started")).toEqual([server.baseURL]);
    // A proxy on loopback (trusted by default) says the client asked for https://docs.example.org.
    const forwarded = { "X-Forwarded-Host": "docs.example.org", "X-Forwarded-Proto": "https" };
    expect(await basesShown(server, "/docs/getting-started", forwarded)).toEqual([
      "https://docs.example.org",
    ]);
    expect(await basesShown(server, "/docs/getting-started")).toEqual([server.baseURL]);
  });
});
