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
 * BENCH_ONLY: row groups or words of endpoint names, comma-separated, to measure only those (e.g.
 * `BENCH_ONLY=POST`, `BENCH_ONLY=request-logs`); BENCH_NODE_ARGS: extra node flags for the measured server, space-separated
 * (e.g. `--cpu-prof --cpu-prof-dir=.data-bench/prof`; the profile is written when it stops).
 * A missing build is made first (next build into NEXT_DIST_DIR, esbuild of server.ts).
 * Request logs: GET /v1/request-logs?limit=50 (plain, status=4xx&path=/v1/resources, a cursor
 * 500,000 rows deep) over BENCH_LOG_ROWS (1,000,000) raw records seeded straight into the store
 * (bench/request-log-seed.ts), measured first, at BENCH_LOG_CONNECTIONS (1: one person paging the
 * logs; goal p95 <= 20 ms on both stores). BENCH_ONLY=request-logs (or =resources) runs one group.
 * The run's data directory is removed at the end.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { countRequestLogs, type SeedStore, seedRequestLogs } from "./request-log-seed";

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
const serverNodeArgs = (env.BENCH_NODE_ARGS ?? "").split(" ").filter((arg) => arg !== "");
const SESSION_SECRET = "bench-secret-bench-secret-bench-secret-01";
/**
 * Row groups to measure: "resources" (the four resource/regions rows), "request-logs"; any other
 * word picks the resource rows whose endpoint contains it (BENCH_ONLY=POST).
 */
const only = new Set((env.BENCH_ONLY ?? "resources,request-logs").split(",").map((s) => s.trim()));
const rowWords = [...only].filter((word) => word !== "resources" && word !== "request-logs");
const wantsResourceRow = (endpoint: string) =>
  only.has("resources") || rowWords.some((word) => endpoint.includes(word));
const wantsResourceRows = only.has("resources") || rowWords.length > 0;
const latencyScript = path.join(dataRoot, "latency.lua");
const logRows = Number(env.BENCH_LOG_ROWS ?? 1_000_000);
const logConnections = Number(env.BENCH_LOG_CONNECTIONS ?? 1);
/** wrk's --latency prints no p95: every run gets this done() hook (microseconds). */
const LATENCY_LUA =
  'done = function(summary, latency, requests)\n  io.write(string.format("p95: %d\\n", latency:percentile(95)))\nend\n';

interface WrkResult {
  rps: number;
  p50: number;
  p95: number;
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
  connections: number;
  /** Request records stored when a request-log row was measured. */
  stored?: number;
}

interface Target {
  pid: number | undefined;
  url: string;
  headers: string[];
  script: string;
  /** wrk connections (and threads, at most this many); default BENCH_CONNECTIONS. */
  connections?: number;
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
  const c = target.connections ?? connections;
  const args = [`-t${Math.min(threads, c)}`, `-c${c}`, `-d${seconds}s`, "--latency"];
  for (const header of target.headers) args.push("-H", header);
  args.push("-s", target.script);
  args.push(target.url);
  const before = cpuTicks(target.pid);
  const out = execFileSync(WRK, args, { encoding: "utf8" });
  const after = cpuTicks(target.pid);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const p50 = parseDuration(/^\s+50%\s+(\S+)/m.exec(out)?.[1] ?? "");
  const p95 = Number(/^p95: (\d+)/m.exec(out)?.[1]) / 1000;
  const p99 = parseDuration(/^\s+99%\s+(\S+)/m.exec(out)?.[1] ?? "");
  const requests = Number(/(\d+) requests in/.exec(out)?.[1]);
  const errors =
    Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) +
    Number(/Socket errors:.*?timeout (\d+)/.exec(out)?.[1] ?? 0);
  const cpuUs = (((after - before) / CLOCK_TICKS_PER_SECOND) * 1e6) / requests;
  return { rps, p50, p95, p99, requests, errors, cpuUs };
}

function measure(target: Target): WrkResult {
  if (warmup > 0) runWrk(target, warmup);
  return runWrk(target, duration);
}

/** The ceiling, kept running for the whole run and measured again before every row. */
async function startBare(
  port: number,
  script: string,
): Promise<{ target: Target; child: ChildProcess }> {
  const child = startProcess(process.execPath, ["-e", BARE_SERVER, String(port)], env, "bare");
  await waitFor(`http://127.0.0.1:${port}/`);
  return {
    child,
    target: {
      pid: child.pid,
      url: `http://127.0.0.1:${port}/v1/resources/x`,
      headers: [],
      script,
    },
  };
}

/** The bare server, then the target, under the same load and connection count: one row. */
function measureRow(
  rows: Row[],
  store: string,
  endpoint: string,
  bare: Target,
  target: Target,
): Row {
  const bareResult = measure(bare);
  const result = measure(target);
  const row = {
    store,
    endpoint,
    result,
    bare: bareResult,
    connections: target.connections ?? connections,
  };
  rows.push(row);
  log(
    `${store} ${endpoint}: ${Math.round(result.rps)} req/s (bare ${Math.round(bareResult.rps)}), p95 ${result.p95} ms, p99 ${result.p99} ms, ${result.cpuUs.toFixed(1)} us CPU/request (bare ${bareResult.cpuUs.toFixed(1)})`,
  );
  return row;
}

async function benchStore(
  build: ServerBuild,
  bare: Target,
  store: string,
  port: number,
  storeEnv: NodeJS.ProcessEnv,
  seedStore: SeedStore,
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

  // Seeded before the server starts, so no writer of the server waits on the seed's transactions.
  const seed = only.has("request-logs")
    ? await seedRequestLogs(seedStore, user.organization, "bench", logRows, Date.now() - 60_000)
    : null;
  if (seed) log(`${store}: ${seed.seeded} request records seeded in ${seed.seconds.toFixed(1)} s`);

  log(`${store}: starting ${path.relative(root, build.script)} on port ${port}`);
  const server = startProcess(
    process.execPath,
    [...serverNodeArgs, build.script],
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
    if (wantsResourceRows) for (let i = 0; i < 30; i++) await create();
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
      `wrk.method = "POST"\nwrk.body = '{"name":"bench","region":"us-east-1"}'\nwrk.headers["Content-Type"] = "application/json"\n${LATENCY_LUA}`,
    );
    const rows: Row[] = [];
    const run = (endpoint: string, url: string, script = latencyScript, c = connections) =>
      measureRow(
        rows,
        store,
        endpoint,
        { ...bare, connections: c },
        {
          pid: server.pid,
          url,
          headers: [auth],
          script,
          connections: c,
        },
      );
    if (seed) {
      // First, while the store holds the seeded million and little else: every row measured
      // later adds its own requests to the log (the endpoints below log ~10^5 requests each).
      const queries = [
        "limit=50",
        "limit=50&status=4xx&path=/v1/resources",
        `limit=50&cursor=${seed.deepCursor}`,
      ];
      // All checked before wrk runs: wrk blocks this process, and fetch's kept-alive socket
      // would be found closed by the server afterwards.
      for (const query of queries) {
        const url = `${base}/v1/request-logs?${query}`;
        const res = await fetch(url, { headers: { Authorization: `Bearer ${key}` } });
        const body = (await res.json()) as { data?: unknown[] };
        if (res.status !== 200 || body.data?.length !== 50)
          throw new Error(`GET ${url} answered ${res.status} with ${body.data?.length} rows`);
      }
      for (const query of queries) {
        const url = `${base}/v1/request-logs?${query}`;
        const endpoint = `GET /v1/request-logs?${query.startsWith("limit=50&cursor") ? `limit=50&cursor=(${seed.deepPosition.toLocaleString("en")} deep)` : query}`;
        const row = run(endpoint, url, latencyScript, logConnections);
        row.stored = await countRequestLogs(seedStore);
      }
    }
    const resourceRows: Array<[string, string, string?]> = [
      ["GET /v1/resources/{id}", `${base}/v1/resources/${id}`],
      ["GET /v1/resources?limit=25", `${base}/v1/resources?limit=25`],
      ["POST /v1/resources", `${base}/v1/resources`, postScript],
      ["GET /v1/regions (no store)", `${base}/v1/regions`],
    ];
    for (const [endpoint, url, script] of resourceRows)
      if (wantsResourceRow(endpoint)) run(endpoint, url, script);
    return rows;
  } finally {
    await stopProcess(server);
  }
}

function table(rows: Row[]): string {
  const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");
  const lines = [
    "| store | endpoint | conns | req/s | p50 ms | p95 ms | p99 ms | bare req/s | vs bare | CPU us/req | bare CPU us/req | CPU vs bare | non-2xx |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { store, endpoint, result, bare, connections: c } of rows) {
    lines.push(
      `| ${store} | ${endpoint} | ${c} | ${Math.round(result.rps)} | ${fmt(result.p50)} | ${fmt(result.p95)} | ${fmt(result.p99)} | ${Math.round(bare.rps)} | ${fmt(result.rps / bare.rps)} | ${fmt(result.cpuUs, 1)} | ${fmt(bare.cpuUs, 1)} | ${fmt(bare.cpuUs / result.cpuUs)} | ${result.errors} |`,
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
  writeFileSync(latencyScript, LATENCY_LUA);
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
  const bare = await startBare(firstPort, latencyScript);
  const rows: Row[] = [];
  if (env.BENCH_SQLITE !== "0") {
    rows.push(
      ...(await benchStore(
        build,
        bare.target,
        "sqlite",
        firstPort + 1,
        {
          ...common,
          DATA_DIR: path.join(dataRoot, "sqlite"),
        },
        { kind: "sqlite", file: path.join(dataRoot, "sqlite", "cloud.sqlite") },
      )),
    );
  }
  const pgUrl = env.BENCH_DATABASE_URL || env.DATABASE_URL;
  if (pgUrl) {
    rows.push(
      ...(await withPostgresSchema(pgUrl, (schemaUrl) =>
        benchStore(
          build,
          bare.target,
          "postgres",
          firstPort + 2,
          {
            ...common,
            DATA_DIR: path.join(dataRoot, "postgres"),
            DATABASE_URL: schemaUrl,
            REDIS_URL: env.BENCH_REDIS_URL ?? "",
          },
          { kind: "postgres", url: schemaUrl },
        ),
      )),
    );
  }

  process.stdout.write(`\nserver: ${build.note}\n`);
  process.stdout.write(
    `wrk: ${connections} connections, ${threads} threads, ${warmup} s warm-up + ${duration} s per row, loopback\n\n`,
  );
  await stopProcess(bare.child);
  // A million seeded rows are ~200 MB of SQLite: nothing in the run's directory is kept.
  rmSync(dataRoot, { recursive: true, force: true });
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
  for (const row of rows.filter((r) => r.stored !== undefined)) {
    const ok = row.result.p95 <= 20 && row.result.errors === 0;
    process.stdout.write(
      `goal (${row.store} ${row.endpoint} over ${row.stored?.toLocaleString("en")} stored records, p95 <= 20 ms): ${ok ? "met" : "NOT met"} (p95 ${row.result.p95} ms)\n`,
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
