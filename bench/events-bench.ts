/**
 * The event stream benchmark: `npm run bench:events`.
 *
 * 1. One instance (the API on node:http, SQLite, jobs and metering on: bench/usage-bench-server.ts).
 *    GET /v1/resources/{id} throughput (wrk, loopback, 50 connections) without streams; then
 *    BENCH_STREAMS (1,000) streams of GET /v1/events/stream are opened (100 keys, since a key may
 *    hold 10) and the same is measured with them open; the server's RSS with them open; then
 *    BENCH_EVENTS (40) resources are created one after another and every stream's receipt of
 *    each resource.created is timed from the moment its POST was sent (so the figure includes the
 *    POST itself: an upper bound on commit-to-receipt). Goals: p99 <= 100 ms, RSS <= 300 MB,
 *    throughput with streams open within 5% of without.
 * 2. Two instances (BENCH_PG=0 skips): the same server writes on PostgreSQL (BENCH_DATABASE_URL,
 *    default postgres://postgres@127.0.0.1:5432/test, in its own schema dropped afterwards) and
 *    a second API process (api-server.ts) on the same store serves the streams; Redis
 *    (BENCH_REDIS_URL, default redis://127.0.0.1:6379) carries the signal between them. Latency
 *    as above. Goal: p99 <= 100 ms.
 *
 * Environment (all optional): BENCH_STREAMS, BENCH_EVENTS, BENCH_PORT (first of two, 3381),
 * BENCH_DURATION (seconds per wrk burst, 5), BENCH_PG=0, BENCH_DATABASE_URL, BENCH_REDIS_URL,
 * DATA_DIR (default .data-bench).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import {
  benchServerEnv,
  children,
  percentile,
  runBench,
  seededServerReady,
  stopChild as stop,
} from "./bench-process";

const env = process.env;
const STREAMS = Number(env.BENCH_STREAMS ?? 1000);
const EVENTS = Number(env.BENCH_EVENTS ?? 40);
const STREAMS_PER_KEY = 10;
const firstPort = Number(env.BENCH_PORT ?? 3381);
const duration = Number(env.BENCH_DURATION ?? 5);
const pgBase = env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const runId = Date.now().toString(36);
const dataRoot = path.resolve(env.DATA_DIR ?? ".data-bench", `events-${runId}`);

function log(message: string): void {
  process.stderr.write(`bench:events: ${message}\n`);
}

const serverEnv = (port: number, dataDir: string, extra: Record<string, string>) =>
  benchServerEnv(port, dataDir, { PROVISION_DELAY_MS: "0", ...extra });

/** The seeded API (enterprise organization, a full-access key, one active resource). */
async function startSeeded(
  port: number,
  dataDir: string,
  extra: Record<string, string> = {},
): Promise<{ child: ChildProcess; key: string; resourceId: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/usage-bench-server.ts"], {
    env: serverEnv(port, dataDir, extra),
    stdio: ["ignore", "pipe", "inherit"],
  });
  return { child, ...(await seededServerReady(child)) };
}

/** A plain API process (api-server.ts) on an existing store. */
async function startPlain(
  port: number,
  dataDir: string,
  extra: Record<string, string>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "api-server.ts"], {
    env: serverEnv(port, dataDir, extra),
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error("second API process exited");
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/openapi.json`);
      if (res.ok) return child;
    } catch {
      // not yet listening
    }
    if (Date.now() > deadline) throw new Error("second API process did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
}

function wrkRps(url: string, key: string): number {
  const out = execFileSync(
    "/usr/bin/wrk",
    ["-t2", "-c50", `-d${duration}s`, "-H", `Authorization: Bearer ${key}`, url],
    { encoding: "utf8" },
  );
  return Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
}

async function post(base: string, key: string, pathname: string, body: unknown): Promise<unknown> {
  const send = () =>
    fetch(`${base}${pathname}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  // fetch reuses a kept-alive connection the server may close just then (idle past its
  // keep-alive timeout while wrk ran): the request never reached it, so sending again is safe.
  const res = await send().catch((error: unknown) => {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === "UND_ERR_SOCKET" || code === "ECONNRESET") return send();
    throw error;
  });
  const json = (await res.json()) as unknown;
  if (res.status !== 201)
    throw new Error(`POST ${pathname}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function streamKeys(base: string, key: string, count: number): Promise<string[]> {
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = (await post(base, key, "/v1/api-keys", {
      name: `stream ${i}`,
      scopes: ["events:read"],
    })) as { secret: string };
    keys.push(created.secret);
  }
  return keys;
}

/** Receipt times (performance.now()) of resource.created events, by object id, per stream. */
interface Streams {
  receipts: Array<Map<string, number>>;
  close(): void;
}

async function openStreams(port: number, keys: string[], count: number): Promise<Streams> {
  const receipts: Array<Map<string, number>> = [];
  const requests: http.ClientRequest[] = [];
  const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  const opened: Array<Promise<void>> = [];
  for (let i = 0; i < count; i++) {
    const seen = new Map<string, number>();
    receipts.push(seen);
    opened.push(
      new Promise<void>((resolve, reject) => {
        const req = http.get(
          {
            host: "127.0.0.1",
            port,
            path: "/v1/events/stream?type=resource.created",
            agent,
            headers: { Authorization: `Bearer ${keys[Math.floor(i / STREAMS_PER_KEY)]}` },
          },
          (res) => {
            if (res.statusCode !== 200) {
              reject(new Error(`stream ${i}: ${res.statusCode}`));
              res.resume();
              return;
            }
            res.setEncoding("utf8");
            let rest = "";
            res.on("data", (chunk: string) => {
              const at = performance.now();
              rest += chunk;
              let end = rest.indexOf("\n\n");
              while (end !== -1) {
                const frame = rest.slice(0, end);
                rest = rest.slice(end + 2);
                const data = frame.split("\n").find((l) => l.startsWith("data: "));
                if (data) {
                  const event = JSON.parse(data.slice(6)) as { object?: { id?: string } };
                  if (event.object?.id) seen.set(event.object.id, at);
                }
                end = rest.indexOf("\n\n");
              }
              resolve();
            });
            res.on("error", () => undefined);
          },
        );
        req.on("error", (error) => reject(error));
        requests.push(req);
      }),
    );
  }
  await Promise.all(opened);
  return {
    receipts,
    close() {
      for (const req of requests) req.destroy();
      agent.destroy();
    },
  };
}

/** Creates EVENTS resources one by one and times each stream's receipt from the POST's send. */
async function measureLatency(
  base: string,
  key: string,
  streams: Streams,
): Promise<{ p50: number; p99: number; max: number; missing: number }> {
  const sent = new Map<string, number>();
  for (let i = 0; i < EVENTS; i++) {
    const started = performance.now();
    const created = (await post(base, key, "/v1/resources", {
      name: `stream-bench-${i}`,
      region: "us-east-1",
    })) as { id: string };
    sent.set(created.id, started);
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 1500));
  const latencies: number[] = [];
  let missing = 0;
  for (const seen of streams.receipts) {
    for (const [id, at] of sent) {
      const got = seen.get(id);
      if (got === undefined) missing++;
      else latencies.push(got - at);
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    missing,
  };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

async function oneInstance(): Promise<string[]> {
  const port = firstPort;
  const base = `http://127.0.0.1:${port}`;
  const server = await startSeeded(port, path.join(dataRoot, "sqlite"));
  const url = `${base}/v1/resources/${server.resourceId}`;
  wrkRps(url, server.key); // warm-up
  const without = Math.max(wrkRps(url, server.key), wrkRps(url, server.key));
  const rssBefore = rssMb(server.child.pid as number);
  const keys = await streamKeys(base, server.key, Math.ceil(STREAMS / STREAMS_PER_KEY));
  const streams = await openStreams(port, keys, STREAMS);
  log(`${STREAMS} streams open`);
  const withStreams = Math.max(wrkRps(url, server.key), wrkRps(url, server.key));
  const rss = rssMb(server.child.pid as number);
  const latency = await measureLatency(base, server.key, streams);
  streams.close();
  await stop(server.child);
  const ratio = withStreams / without;
  return [
    `| SQLite, one instance | ${STREAMS} | ${ms(latency.p50)} | ${ms(latency.p99)} | ${latency.missing} | ${rss.toFixed(0)} MB (${rssBefore.toFixed(0)} MB before) | ${without.toFixed(0)} / ${withStreams.toFixed(0)} req/s (${(100 * ratio).toFixed(1)}%) |`,
    `goals: p99 <= 100 ms ${latency.p99 <= 100 ? "met" : "NOT met"}; RSS <= 300 MB ${rss <= 300 ? "met" : "NOT met"}; GET with streams >= 95% of without ${ratio >= 0.95 ? "met" : "NOT met"}`,
  ];
}

async function twoInstances(): Promise<string[]> {
  const schema = `bench_events_${runId}`;
  const admin = new pg.Client({ connectionString: pgBase });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  const url = new URL(pgBase);
  url.searchParams.set("options", `-c search_path=${schema}`);
  const shared = { DATABASE_URL: url.toString(), REDIS_URL: redisUrl };
  try {
    const writer = await startSeeded(firstPort, path.join(dataRoot, "pg-a"), shared);
    const readerPort = firstPort + 1;
    const reader = await startPlain(readerPort, path.join(dataRoot, "pg-b"), shared);
    const base = `http://127.0.0.1:${firstPort}`;
    const keys = await streamKeys(base, writer.key, Math.ceil(STREAMS / STREAMS_PER_KEY));
    const streams = await openStreams(readerPort, keys, STREAMS);
    log(`${STREAMS} streams open on the second instance`);
    const rss = rssMb(reader.pid as number);
    const latency = await measureLatency(base, writer.key, streams);
    streams.close();
    await stop(reader);
    await stop(writer.child);
    return [
      `| PostgreSQL + Redis, write on one instance, stream from another | ${STREAMS} | ${ms(latency.p50)} | ${ms(latency.p99)} | ${latency.missing} | ${rss.toFixed(0)} MB | |`,
      `goal: p99 <= 100 ms across instances ${latency.p99 <= 100 ? "met" : "NOT met"}`,
    ];
  } finally {
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const lines = [
    "",
    `Event streams (commit-to-receipt measured from each POST's send, ${EVENTS} events x ${STREAMS} streams; wrk -c50 ${duration} s bursts, best of two)`,
    "",
    "| setup | streams | latency p50 | latency p99 | missed | server RSS with streams | GET /v1/resources/{id} without / with streams |",
    "|---|---:|---:|---:|---:|---:|---|",
  ];
  const goals: string[] = [];
  const [row, goal] = await oneInstance();
  lines.push(row as string);
  goals.push(goal as string);
  if (env.BENCH_PG !== "0") {
    const [pgRow, pgGoal] = await twoInstances();
    lines.push(pgRow as string);
    goals.push(pgGoal as string);
  }
  console.log([...lines, "", ...goals].join("\n"));
}

runBench(main, dataRoot);
