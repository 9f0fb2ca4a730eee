import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeTargets } from "@/lib/testing/test-runtime";
import { CliFixture } from "./testing/cli-fixture";

/** A loopback URL where nothing listens (a port that was free a moment ago). */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe.each(storeTargets())("cloud login and contexts (%s)", (target) => {
  const fx = new CliFixture();
  let configFile = "";
  /** A shell with no key in the environment: only the config file can supply one. */
  const bare = (extra: Record<string, string | undefined> = {}) =>
    fx.env({ CLOUD_API_KEY: undefined, CLOUD_API_URL: undefined, ...extra });

  beforeAll(async () => {
    await fx.start(target);
    configFile = path.join(fx.home, ".config", "cloud", "config.json");
  });
  afterAll(() => fx.close());

  it("refuses what is not a key (exit 2) and a key the API refuses (exit 1), writing nothing", async () => {
    const notKey = await fx.run(["login", "--api-url", fx.served.url], {
      env: bare(),
      stdin: "hello\n",
    });
    expect(notKey.code).toBe(2);
    expect(notKey.stderr).toContain("keys start with sk_live_ or sk_test_");
    const refused = await fx.run(["login", "--api-url", fx.served.url], {
      env: bare(),
      stdin: "sk_live_NotARealKey123\n",
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("(401 unauthorized)");
    expect(existsSync(configFile)).toBe(false);
  });

  it("login reads the key, checks it, and stores it in config.json with mode 0600", async () => {
    const result = await fx.run(["login", "--api-url", fx.served.url], {
      env: bare(),
      stdin: `${fx.liveKey}\n`,
      tty: true,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("API key: ");
    expect(result.stderr).toMatch(
      /Logged in: context "default" now has a live key \(sk_live_\.\.\.\w{4}\)/,
    );
    expect(result.stderr).not.toContain(fx.liveKey);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(configFile)).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(configFile, "utf8"))).toEqual({
      current_context: "default",
      contexts: { default: { api_url: fx.served.url, api_key: fx.liveKey } },
    });
    expect(fx.sent.at(-1)?.path).toBe("/v1/regions");

    const regions = await fx.run(["regions", "list", "-q"], { env: bare() });
    expect(regions.code, regions.stderr).toBe(0);
    expect(regions.stdout).toContain("us-east-1");
  });

  it("a second context with a sandbox key (--api-key), --context, and context list|use", async () => {
    const login = await fx.run(
      ["login", "--context", "ci", "--api-key", fx.testKey, "--api-url", fx.served.url],
      {
        env: bare(),
      },
    );
    expect(login.code, login.stderr).toBe(0);
    const listed = await fx.run(["context", "list"], { env: bare() });
    expect(listed.stdout).toMatch(/^CURRENT\s+NAME\s+API URL\s+LIVE KEY\s+SANDBOX KEY\n/);
    expect(listed.stdout).toMatch(
      /\n\s+default\s+http:\/\/127\.0\.0\.1:\d+\s+sk_live_\.\.\.\w{4}\n\*\s+ci\s+\S+\s+sk_test_\.\.\.\w{4}\n$/,
    );
    expect(listed.stdout).not.toContain(fx.testKey);
    const asJson = await fx.run(["context", "list", "-o", "json"], { env: bare() });
    expect(JSON.parse(asJson.stdout).data).toHaveLength(2);

    // ci is current and holds a test key: its requests act on sandbox data.
    const keys = await fx.run(["keys", "list", "-o", "json"], { env: bare() });
    expect(
      JSON.parse(keys.stdout).data.every((k: { environment: string }) => k.environment === "test"),
    ).toBe(true);
    const live = await fx.run(["keys", "list", "-o", "json", "--context", "default"], {
      env: bare(),
    });
    expect(
      JSON.parse(live.stdout).data.every((k: { environment: string }) => k.environment === "live"),
    ).toBe(true);

    const use = await fx.run(["context", "use", "default"], { env: bare() });
    expect(use.code).toBe(0);
    expect(JSON.parse(readFileSync(configFile, "utf8")).current_context).toBe("default");
    const unknown = await fx.run(["context", "use", "nope"], { env: bare() });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no context "nope"; saved: default, ci');
    const unknownFlag = await fx.run(["regions", "list", "--context", "nope"], { env: bare() });
    expect(unknownFlag.code).toBe(2);
  });

  it("--sandbox uses the context's test key on /sandbox/v1, and refuses a live key", async () => {
    await fx.run(
      ["login", "--context", "both", "--api-key", fx.liveKey, "--api-url", fx.served.url],
      { env: bare() },
    );
    const noTestKey = await fx.run(["regions", "list", "--sandbox"], { env: bare() });
    expect(noTestKey.code).toBe(2);
    expect(noTestKey.stderr).toContain('No sandbox key in context "both"');
    await fx.run(["login", "--context", "both", "--api-key", fx.testKey], { env: bare() });
    const sandbox = await fx.run(["keys", "list", "--sandbox", "-o", "json"], { env: bare() });
    expect(sandbox.code, sandbox.stderr).toBe(0);
    expect(fx.sent.at(-1)?.path).toBe("/sandbox/v1/api-keys");
    const liveOnSandbox = await fx.run(["regions", "list", "--sandbox"], { env: fx.env() });
    expect(liveOnSandbox.code).toBe(2);
    expect(liveOnSandbox.stderr).toContain(
      "--sandbox needs an sk_test_ key; the key from CLOUD_API_KEY",
    );
  });

  it("--api-key beats CLOUD_API_KEY, which beats the context; --api-url beats CLOUD_API_URL", async () => {
    const envKey = await fx.run(["regions", "list"], {
      env: bare({ CLOUD_API_KEY: "sk_live_wrong" }),
    });
    expect(envKey.code).toBe(1);
    const flagKey = await fx.run(["regions", "list", "--api-key", fx.liveKey], {
      env: bare({ CLOUD_API_KEY: "sk_live_wrong" }),
    });
    expect(flagKey.code).toBe(0);
    const badUrl = await fx.run(["regions", "list", "--api-url", "ftp://example.test"], {
      env: bare(),
    });
    expect(badUrl.code).toBe(2);
    const closed = await closedPortUrl();
    const unreachable = await fx.run(["regions", "list", "--api-url", closed], { env: bare() });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /^Error: Connection failed\nhttp:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
    );
  });

  it("keeps the file at 0600 when it is rewritten, and honours CLOUD_CONFIG", async () => {
    chmodSync(configFile, 0o644);
    expect((await fx.run(["context", "remove", "both"], { env: bare() })).code).toBe(0);
    expect(statSync(configFile).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(configFile, "utf8")).contexts)).toEqual([
      "default",
      "ci",
    ]);

    const elsewhere = path.join(fx.home, "elsewhere", "cloud.json");
    const login = await fx.run(["login", "--api-url", fx.served.url], {
      env: bare({ CLOUD_CONFIG: elsewhere }),
      stdin: `${fx.liveKey}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
    expect(statSync(elsewhere).mode & 0o777).toBe(0o600);
  });

  it("a config file that is not JSON is a usage error naming the file", async () => {
    const broken = path.join(fx.home, "broken.json");
    writeFileSync(broken, "{nope");
    const result = await fx.run(["regions", "list"], { env: bare({ CLOUD_CONFIG: broken }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${broken} is not valid JSON`);
  });
});
