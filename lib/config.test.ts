import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configFromEnvironment, parseConfig } from "./config";

describe("configuration", () => {
  it("derives the docs origin from PUBLIC_API_URL, else NEXTAUTH_URL, else localhost:PORT", () => {
    expect(
      parseConfig({
        PUBLIC_API_URL: "https://api.example.com/v1/",
        NEXTAUTH_URL: "https://portal.example.com",
      }).docsOrigin,
    ).toBe("https://api.example.com");
    expect(parseConfig({ NEXTAUTH_URL: "http://127.0.0.1:3991/" }).docsOrigin).toBe(
      "http://127.0.0.1:3991",
    );
    expect(parseConfig({ PORT: "3311" }).docsOrigin).toBe("http://localhost:3311");
  });

  it("reads the server limits, with defaults", () => {
    expect(parseConfig({}).server).toEqual({
      headersTimeoutMs: 20_000,
      requestTimeoutMs: 60_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: undefined,
    });
    expect(
      parseConfig({
        SERVER_HEADERS_TIMEOUT_MS: "5000",
        SERVER_REQUEST_TIMEOUT_MS: "30000",
        SERVER_IDLE_TIMEOUT_MS: "65000",
        SERVER_MAX_CONNECTIONS: "2000",
      }).server,
    ).toEqual({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 65_000,
      maxConnections: 2000,
    });
  });

  it.each([
    [{ SERVER_HEADERS_TIMEOUT_MS: "10" }, /SERVER_HEADERS_TIMEOUT_MS/],
    [{ SERVER_REQUEST_TIMEOUT_MS: "soon" }, /SERVER_REQUEST_TIMEOUT_MS/],
    [{ SERVER_IDLE_TIMEOUT_MS: "0" }, /SERVER_IDLE_TIMEOUT_MS/],
    [{ SERVER_MAX_CONNECTIONS: "-1" }, /SERVER_MAX_CONNECTIONS/],
    [
      { SERVER_HEADERS_TIMEOUT_MS: "90000", SERVER_REQUEST_TIMEOUT_MS: "60000" },
      /SERVER_HEADERS_TIMEOUT_MS must not exceed SERVER_REQUEST_TIMEOUT_MS/,
    ],
  ])("refuses %j with a message naming the variable", (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });
});

describe("configFromEnvironment", () => {
  it("reads process.env, under overrides and over defaults", () => {
    const saved = process.env.MAIL_FROM;
    process.env.MAIL_FROM = "Ops <ops@example.test>";
    try {
      const config = configFromEnvironment({
        defaults: { MAIL_FROM: "Default <d@example.test>", LOG_LEVEL: "warn" },
        overrides: { JOBS: "0" },
      });
      expect(config.mailFrom).toBe("Ops <ops@example.test>");
      expect(config.runJobs).toBe(false);
      expect(configFromEnvironment({ defaults: { NEXT_DIST_DIR: ".next-x" } }).nextDistDir).toBe(
        process.env.NEXT_DIST_DIR || ".next-x",
      );
    } finally {
      if (saved === undefined) delete process.env.MAIL_FROM;
      else process.env.MAIL_FROM = saved;
    }
  });

  it("is the only reader of process.env in shipped code", () => {
    const root = path.resolve(import.meta.dirname, "..");
    // Code shown to customers (docs samples) spells process.env inside strings; tests and the
    // test runtime read their own variables (TEST_DATABASE_URL, ...). NODE_ENV is Next's build
    // mode, inlined at build time, not configuration.
    const exempt =
      /(\.test\.tsx?$|^lib\/testing\/|^lib\/docs\/(samples|sample-code|event-samples|deployment-samples)\.ts$|^lib\/docs\/content\/)/;
    const files = ["lib", "app", "components"].flatMap((dir) =>
      (readdirSync(path.join(root, dir), { recursive: true }) as string[])
        .filter((file) => /\.tsx?$/.test(file))
        .map((file) => path.posix.join(dir, file.split(path.sep).join("/"))),
    );
    files.push("server.ts", "api-server.ts", "scripts/admin.ts", "scripts/migrate.ts");
    const readers = files.filter(
      (file) =>
        file !== "lib/config.ts" &&
        !exempt.test(file) &&
        // A read, not one of server.ts's writes for next-auth (process.env.X = / ??=).
        /process\.env(?!\.NODE_ENV\b)(?!\.[A-Z_]+ *(\?\?)?=[^=])/.test(
          readFileSync(path.join(root, file), "utf8"),
        ),
    );
    expect(readers).toEqual([]);
  });
});
