import { execFile, spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest } from "@/lib/testing/fixtures";
import { CliFixture } from "./testing/cli-fixture";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

interface Exit {
  code: number;
  stdout: string;
  stderr: string;
}

function spawnCli(command: string[], env: Record<string, string | undefined>): Promise<Exit> {
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: "test", ...env };
  return run(process.execPath, command, { cwd: root, env: childEnv }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** The CLI as a real process: the bundle build:server makes, and the npx cloud launcher. */
describe("the cloud executable", () => {
  const fx = new CliFixture();
  // Inside the repository so that the bundle's external packages resolve from node_modules.
  const bundle = path.join(root, "node_modules/.cache/cloud-cli-test/cloud.js");

  beforeAll(async () => {
    mkdirSync(path.dirname(bundle), { recursive: true });
    // The same esbuild options as build:server's cloud=cli/main.ts entry.
    await Promise.all([
      fx.start("sqlite"),
      build({
        entryPoints: [path.join(root, "cli/main.ts")],
        outfile: bundle,
        bundle: true,
        platform: "node",
        target: "node20",
        packages: "external",
        logLevel: "warning",
      }),
    ]);
  });
  afterAll(() => fx.close());

  it("prints the API's body byte for byte into a pipe, and exits 1 on an API error", async () => {
    const created = await spawnCli(
      [bundle, "resources", "create", "--name", "piped", "-o", "json"],
      fx.env(),
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toBe(fx.lastBody());
    const id = (JSON.parse(created.stdout) as { id: string }).id;

    const [got, missing, usage] = await Promise.all([
      spawnCli([bundle, "resources", "get", id, "-o", "json"], fx.env()),
      spawnCli([bundle, "resources", "get", "res_missing0000000000"], fx.env()),
      spawnCli([bundle, "resources", "create", "--region", "eu-west-1"], fx.env()),
    ]);
    expect(got.code).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ id, name: "piped" });
    expect(fx.sent.some((s) => s.body === got.stdout)).toBe(true);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Not found \(404 not_found\)[\s\S]*Request id: req_/);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--name <name>' not specified");
  });

  it("logs tail stops cleanly on SIGINT: exit 0 and a last line on stderr", async () => {
    const child = spawn(process.execPath, [bundle, "logs", "tail", "--path", "/v1/nowhere"], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: "test",
        ...fx.env({ CLOUD_POLL_INTERVAL_MS: "100" }),
      },
    });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    const deadline = Date.now() + 15_000;
    while (!stderr.includes("Watching for requests") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(stderr).toContain("Watching for requests (Ctrl-C to stop)");
    child.kill("SIGINT");
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(stdout).toBe("");
    expect(stderr).toMatch(/Stopped; 0 requests shown\n$/);
  });

  it("stops quietly (exit 0, no stack trace) when the reader of its output goes: tail | head", async () => {
    await (await apiRequest(fx.runtime, "GET", "/v1/resources", { key: fx.liveKey })).text();
    await fx.runtime.usage.flush();
    const child = spawn(
      process.execPath,
      [bundle, "logs", "tail", "--since", "1h", "--path", "/v1/resources"],
      { cwd: root, env: { PATH: process.env.PATH, NODE_ENV: "test", ...fx.env() } },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    // The reader closes before the first line (the request just made) is written.
    child.stdout.destroy();
    const exited = await new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    expect(exited, stderr).toEqual({ code: 0, signal: null });
    expect(stderr).not.toContain("EPIPE");
  });

  it("npx cloud runs the source: --help lists commands, flags and examples", async () => {
    const help = await spawnCli(
      [path.join(root, "bin/cloud.cjs"), "volumes", "attach", "--help"],
      fx.env(),
    );
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: cloud volumes attach [options] <id>");
    expect(help.stdout).toContain("--instance <id>");
    expect(help.stdout).toContain("Global Options:");
    expect(help.stdout).toMatch(
      /Examples:\n {2}\$ cloud volumes attach res_\w+ --instance res_\w+/,
    );
  });
});
