/**
 * The API's throughput benchmark: `npm run bench`.
 *
 * One run starts a bare node:http JSON server (the ceiling) and the real production server
 * (dist/server.js: Next + the Hono API on one port) on a fresh SQLite store, creates an
 * organization and a key with the admin CLI (enterprise plan, an override high enough that rate
 * limiting never triggers), and measures with wrk (loopback, 50 connections, a warm-up, then
 * ~10 s per endpoint): authenticated GET /v1/resources/{id}, GET /v1/resources?limit=25 and
 * POST /v1/resources, plus GET /v1/regions (the API's own overhead, no store read). The bare
 * server is measured again right before each row, and the CPU time each server spends per
 * request is read from /proc, since a shared machine's load moves req/s around. With
 * BENCH_DATABASE_URL (or DATABASE_URL) set, the same again on PostgreSQL in a fresh schema.
 * The goal: GET /v1/resources/{id} on SQLite >= 0.40 of bare req/s with p99 < 10 ms.
 *
 * Environment (all optional): BENCH_PORT (first of three ports, default 3301), DATA_DIR (parent
 * of the bench's data, default .data-bench), NEXT_DIST_DIR (default .next), BENCH_SERVER_JS
 * (default dist/server.js), BENCH_DURATION / BENCH_WARMUP (seconds, 10 / 3),
 * BENCH_CONNECTIONS (50), BENCH_THREADS (2), BENCH_SETTLE (seconds between set-up and the first
 * measurement, 8), BENCH_DATABASE_URL, BENCH_REDIS_URL (pg run only),
 * BENCH_SQLITE=0 to skip SQLite, BENCH_SERVER=api to measure the API tier alone (api-server.ts).
 * A missing build is made first (next build into NEXT_DIST_DIR, esbuild of server.ts).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

// `npm run bench` runs in the package root.
const root = process.cwd();
const env = process.env;
const firstPort = Number(env.BENCH_PORT ?? 3301);
const duration = Number(env.BENCH_DURATION ?? 10);
const warmup = Number(env.BENCH_WARMUP ?? 3);
const connections = Number(env.BENCH_CONNECTIONS ?? 50);
const threads = Number(env.BENCH_THREADS ?? 2);
const settle = Number(env.BENCH_SETTLE ?? 8);
const nextDistDir = env.NEXT_DIST_DIR ?? ".next";
const serverJs = path.resolve(root, env.BENCH_SERVER_JS ?? "dist/server.js");
const runId = `${Date.now().toString(36)}`;
const dataRoot = path.resolve(root, env.DATA_DIR ?? ".data-bench", `bench-${runId}`);
const WRK = "/usr/bin/wrk";
const SESSION_SECRET = "bench-secret-bench-secret-bench-secret-01";

interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** CPU time (user + system) the server process spent per request; NaN if unknown. */
  cpuUs: number;
}

interface Row {
  store: string;
  endpoint: string;
  result: WrkResult;
  /** The bare server measured right before this row, under the same machine load. */
  bare: WrkResult;
}

interface Target {
  pid: number | undefined;
  url: string;
  headers: string[];
  script?: string;
}

const children = new Set<ChildProcess>();

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function bundle(entry: string, outfile: string): void {
  log(`bundling ${entry} to ${path.relative(root, outfile)}`);
  execFileSync(
    "npx",
    [
      "esbuild",
      entry,
      "--bundle",
      "--platform=node",
      "--target=node20",
      "--packages=external",
      `--outfile=${outfile}`,
      "--log-level=warning",
    ],
    { cwd: root, stdio: "inherit" },
  );
}

interface ServerBuild {
  script: string;
  /** "one-port": server.ts (Next + API); "api": api-server.ts, the API tier alone. */
  mode: "one-port" | "api";
  note: string;
}

/**
 * The production server to measure, built if missing. If Next cannot be built (the portal is
 * broken right now), the API tier alone is measured instead and the table says so.
 */
function ensureBuild(): ServerBuild {
  const apiScript = path.join(path.dirname(serverJs), "api-server.js");
  if (env.BENCH_SERVER === "api") {
    if (!existsSync(apiScript)) bundle("api-server.ts", apiScript);
    return { script: apiScript, mode: "api", note: "API tier alone (BENCH_SERVER=api)" };
  }
  if (!existsSync(path.join(root, nextDistDir, "BUILD_ID"))) {
    log(`no production build in ${nextDistDir}: next build (takes a few minutes)`);
    try {
      execFileSync("npx", ["next", "build"], {
        cwd: root,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...env, NEXT_DIST_DIR: nextDistDir },
      });
    } catch {
      log("next build failed: measuring the API tier alone (api-server.ts)");
      if (!existsSync(apiScript)) bundle("api-server.ts", apiScript);
      return {
        script: apiScript,
        mode: "api",
        note: "API tier alone: next build failed, so the one-port server could not run",
      };
    }
  }
  if (!existsSync(serverJs)) bundle("server.ts", serverJs);
  return { script: serverJs, mode: "one-port", note: "one-port production server (server.ts)" };
}

/** The ceiling: node:http answering a resource-sized JSON body, nothing else. */
const BARE_SERVER = `
const http = require("node:http");
const body = JSON.stringify({
  id: "res_8xKq2mT4vB9nL3wZ", object: "resource", type: "instance", name: "Primary Store",
  status: "active", region: "us-east-1",
  spec: { size: "s-1vcpu-1gb", image: "ubuntu-24.04", network_id: null },
  labels: { env: "prod" }, created_at: "2026-04-18T09:14:00.000Z",
  updated_at: "2026-04-22T15:30:00.000Z",
});
http.createServer((req, res) => {
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}).listen(Number(process.argv[1]), "127.0.0.1", () => process.stdout.write("ready\\n"));
`;

function startProcess(
  command: string,
  args: string[],
  childEnv: NodeJS.ProcessEnv,
  label: string,
): ChildProcess {
  const child = spawn(command, args, {
    cwd: root,
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (code !== 0 && signal === null) log(`${label} exited with ${code}:\n${tail}`);
  });
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(url: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`${url} did not answer in time`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function admin(args: string[], storeEnv: NodeJS.ProcessEnv): string {
  return execFileSync("npx", ["tsx", "scripts/admin.ts", ...args], {
    cwd: root,
    env: { ...storeEnv, LOG_LEVEL: "warn" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }).trim();
}

function parseDuration(text: string): number {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!match) return Number.NaN;
  const value = Number(match[1]);
  const unit = match[2];
  if (unit === "us") return value / 1000;
  if (unit === "ms") return value;
  if (unit === "s") return value * 1000;
  return value * 60_000;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** utime + stime of a process in clock ticks (Linux), or NaN. */
function cpuTicks(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return Number.NaN;
  }
}

function runWrk(target: Target, seconds: number): WrkResult {
  const args = [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, "--latency"];
  for (const header of target.headers) args.push("-H", header);
  if (target.script) args.push("-s", target.script);
  args.push(target.url);
  const before = cpuTicks(target.pid);
  const out = execFileSync(WRK, args, { encoding: "utf8" });
  const after = cpuTicks(target.pid);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = parseDuration(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? "");
  const p99 = parseDuration(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? "");
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const errors =
    Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) +
    Number(/Socket errors:.*?timeout (\d+)/.exec(out)?.[1] ?? 0);
  const cpuUs = (((after - before) / CLOCK_TICKS_PER_SECOND) * 1e6) / requests;
  return { rps, p50, p99, requests, errors, cpuUs };
}

function measure(target: Target): WrkResult {
  if (warmup > 0) runWrk(target, warmup);
  return runWrk(target, duration);
}

/** The ceiling, kept running for the whole run and measured again before every row. */
async function startBare(port: number): Promise<{ target: Target; child: ChildProcess }> {
  const child = startProcess(process.execPath, ["-e", BARE_SERVER, String(port)], env, "bare");
  await waitFor(`http://127.0.0.1:${port}/`);
  return {
    child,
    target: { pid: child.pid, url: `http://127.0.0.1:${port}/v1/resources/x`, headers: [] },
  };
}

async function benchStore(
  build: ServerBuild,
  bare: Target,
  store: string,
  port: number,
  storeEnv: NodeJS.ProcessEnv,
): Promise<Row[]> {
  log(`${store}: creating an organization and a key`);
  const user = JSON.parse(
    admin(
      [
        "create-user",
        "--email",
        `bench-${runId}@example.test`,
        "--password",
        "bench-password-1",
        "--org",
        `Bench ${runId}`,
      ],
      storeEnv,
    ),
  ) as { organization: string };
  const key = admin(
    [
      "create-key",
      "--org",
      user.organization,
      "--env",
      "live",
      "--scopes",
      "all",
      "--name",
      "bench",
    ],
    storeEnv,
  );
  admin(
    ["set-plan", "--org", user.organization, "--plan", "enterprise", "--rate-limit", "999999999"],
    storeEnv,
  );

  log(`${store}: starting ${path.relative(root, build.script)} on port ${port}`);
  const server = startProcess(
    process.execPath,
    [build.script],
    { ...storeEnv, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1" },
    `${store} server`,
  );
  const base = `http://127.0.0.1:${port}`;
  const auth = `Authorization: Bearer ${key}`;
  try {
    await waitFor(`${base}/v1/openapi.json`);
    const create = async () => {
      const res = await fetch(`${base}/v1/resources`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "bench", region: "us-east-1" }),
      });
      if (res.status !== 201) throw new Error(`POST /v1/resources answered ${res.status}`);
      return (await res.json()) as { id: string };
    };
    for (let i = 0; i < 30; i++) await create();
    const { id } = await create();
    const check = await fetch(`${base}/v1/resources/${id}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    if (check.status !== 200) throw new Error(`GET /v1/resources/{id} answered ${check.status}`);
    // Let start-up work finish first: Next preloads its pages in the background after it starts,
    // and the resources just created are provisioned by jobs a couple of seconds later.
    await new Promise((resolve) => setTimeout(resolve, settle * 1000));
    log(`${store}: limit ${check.headers.get("x-ratelimit-limit")}/min, measuring`);

    const postScript = path.join(dataRoot, "post.lua");
    writeFileSync(
      postScript,
      `wrk.method = "POST"\nwrk.body = '{"name":"bench","region":"us-east-1"}'\nwrk.headers["Content-Type"] = "application/json"\n`,
    );
    const rows: Row[] = [];
    const run = (endpoint: string, url: string, script?: string) => {
      const bareResult = measure(bare);
      const result = measure({ pid: server.pid, url, headers: [auth], script });
      rows.push({ store, endpoint, result, bare: bareResult });
      log(
        `${store} ${endpoint}: ${Math.round(result.rps)} req/s (bare ${Math.round(bareResult.rps)}), p99 ${result.p99} ms, ${result.cpuUs.toFixed(1)} us CPU/request (bare ${bareResult.cpuUs.toFixed(1)})`,
      );
    };
    run("GET /v1/resources/{id}", `${base}/v1/resources/${id}`);
    run("GET /v1/resources?limit=25", `${base}/v1/resources?limit=25`);
    run("POST /v1/resources", `${base}/v1/resources`, postScript);
    run("GET /v1/regions (no store)", `${base}/v1/regions`);
    return rows;
  } finally {
    await stopProcess(server);
  }
}

function table(rows: Row[]): string {
  const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
  const lines = [
    "| store | endpoint | req/s | p50 ms | p99 ms | bare req/s | vs bare | CPU us/req | bare CPU us/req | CPU vs bare | non-2xx |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { store, endpoint, result, bare } of rows) {
    lines.push(
      `| ${store} | ${endpoint} | ${Math.round(result.rps)} | ${fmt(result.p50)} | ${fmt(result.p99)} | ${Math.round(bare.rps)} | ${fmt(result.rps / bare.rps)} | ${fmt(result.cpuUs, 1)} | ${fmt(bare.cpuUs, 1)} | ${fmt(bare.cpuUs / result.cpuUs)} | ${result.errors} |`,
    );
  }
  return lines.join("\n");
}

async function withPostgresSchema<T>(
  url: string,
  run: (schemaUrl: string) => Promise<T>,
): Promise<T> {
  const schema = `bench_${runId}`;
  const adminClient = new pg.Client({ connectionString: url });
  await adminClient.connect();
  await adminClient.query(`create schema "${schema}"`);
  try {
    const schemaUrl = new URL(url);
    schemaUrl.searchParams.set("options", `-c search_path=${schema}`);
    return await run(schemaUrl.toString());
  } finally {
    await adminClient.query(`drop schema if exists "${schema}" cascade`);
    await adminClient.end();
  }
}

async function main(): Promise<void> {
  if (!existsSync(WRK)) throw new Error(`${WRK} is needed (apt-get install wrk)`);
  const build = ensureBuild();
  mkdirSync(dataRoot, { recursive: true });
  const common: NodeJS.ProcessEnv = {
    ...env,
    NODE_ENV: "production",
    REQUIRE_HTTPS: "0",
    SEED_DEMO: "0",
    LOG_LEVEL: "warn",
    NEXTAUTH_SECRET: SESSION_SECRET,
    NEXT_DIST_DIR: nextDistDir,
    DATABASE_URL: "",
    REDIS_URL: "",
  };

  log(`bare node:http on port ${firstPort}`);
  const bare = await startBare(firstPort);
  const rows: Row[] = [];
  if (env.BENCH_SQLITE !== "0") {
    rows.push(
      ...(await benchStore(build, bare.target, "sqlite", firstPort + 1, {
        ...common,
        DATA_DIR: path.join(dataRoot, "sqlite"),
      })),
    );
  }
  const pgUrl = env.BENCH_DATABASE_URL || env.DATABASE_URL;
  if (pgUrl) {
    rows.push(
      ...(await withPostgresSchema(pgUrl, (schemaUrl) =>
        benchStore(build, bare.target, "postgres", firstPort + 2, {
          ...common,
          DATA_DIR: path.join(dataRoot, "postgres"),
          DATABASE_URL: schemaUrl,
          REDIS_URL: env.BENCH_REDIS_URL ?? "",
        }),
      )),
    );
  }

  process.stdout.write(`\nserver: ${build.note}\n`);
  process.stdout.write(
    `wrk: ${connections} connections, ${threads} threads, ${warmup} s warm-up + ${duration} s per row, loopback\n\n`,
  );
  await stopProcess(bare.child);
  process.stdout.write(`${table(rows)}\n`);
  process.stdout.write(
    "\nvs bare: req/s against the bare server measured just before (same machine load). CPU vs bare: bare CPU per request / this CPU per request, what the ratio would be with the server's core to itself.\n",
  );
  const hot = rows.find((r) => r.store === "sqlite" && r.endpoint === "GET /v1/resources/{id}");
  if (hot) {
    const ratio = hot.result.rps / hot.bare.rps;
    const ok = ratio >= 0.4 && hot.result.p99 < 10;
    process.stdout.write(
      `\ngoal (SQLite GET /v1/resources/{id} >= 0.40 of bare, p99 < 10 ms): ${ok ? "met" : "NOT met"} (${ratio.toFixed(2)}, p99 ${hot.result.p99} ms)\n`,
    );
  }
}

const cleanup = () => {
  for (const child of children) child.kill("SIGKILL");
};
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});

main().then(
  () => {
    cleanup();
  },
  (error: unknown) => {
    cleanup();
    console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
