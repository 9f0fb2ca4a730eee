/**
 * The webhook delivery benchmark: `npm run bench:webhooks`.
 *
 * The API with its job loop (bench/usage-bench-server.ts) delivers to a loopback receiver
 * (node:http in this process; it answers 204 after BENCH_RECEIVER_DELAY_MS, default 0).
 * BENCH_ENDPOINTS (10) endpoints subscribe to resource.created; every POST /v1/resources then
 * makes one delivery per endpoint.
 * 1. Drain: with the server's job loop off, BENCH_DELIVERIES (5,000) deliveries' events are
 *    written by BENCH_WRITERS (16) concurrent POSTs; the server restarts with jobs on, and
 *    sustained deliveries/s is the first attempts received over the time from the first receipt
 *    to the last: the worker's own rate, not the writers'; with the server's CPU per delivery
 *    over the same span (the machine is shared: the rate moves with its load, the CPU less).
 *    Goal: >= 1,000/s on SQLite.
 * 2. Paced: BENCH_PACED_RATE events/s for BENCH_PACED_SECONDS (5); by default 50 events/s (500
 *    deliveries/s, half the goal) or half the drain rate just measured if that is lower, so the
 *    latency is the worker's and not a queue's on a loaded machine;
 *    first-attempt latency p50/p99 from the event's commit (its created_at, set in the committing
 *    transaction) to the receiver reading the request. Goal: p99 <= 1 s. Writes the API refuses
 *    are counted, not fatal.
 * On SQLite (BENCH_SQLITE=0 skips), then on PostgreSQL (BENCH_PG=0 skips; BENCH_DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/test, in its own schema dropped afterwards).
 *
 * Environment (all optional): BENCH_DELIVERIES, BENCH_ENDPOINTS, BENCH_WRITERS, BENCH_PACED_RATE,
 * BENCH_PACED_SECONDS, BENCH_RECEIVER_DELAY_MS, BENCH_PORT (the API's, 3554; the receiver takes
 * the next one), BENCH_SQLITE=0, BENCH_PG=0, BENCH_DATABASE_URL, BENCH_PROFILE (a directory: the
 * server writes a CPU profile there), BENCH_SERVER_LOG=1 (the server's log on stderr), DATA_DIR
 * (default .data-bench).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import {
  benchServerEnv,
  percentile,
  runBench,
  seededServerReady,
  stopChild as stop,
} from "./bench-process";

const env = process.env;
const DELIVERIES = Number(env.BENCH_DELIVERIES ?? 5000);
const ENDPOINTS = Number(env.BENCH_ENDPOINTS ?? 10);
const WRITERS = Number(env.BENCH_WRITERS ?? 16);
/** Events/s of the paced phase; unset: see pacedRateFor. */
const PACED_RATE = env.BENCH_PACED_RATE ? Number(env.BENCH_PACED_RATE) : undefined;
const PACED_SECONDS = Number(env.BENCH_PACED_SECONDS ?? 5);
/** How long the receiver takes to answer (a real receiver is not on loopback). */
const RECEIVER_DELAY_MS = Number(env.BENCH_RECEIVER_DELAY_MS ?? 0);
const apiPort = Number(env.BENCH_PORT ?? 3554);
const receiverPort = apiPort + 1;
const pgBase = env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const runId = Date.now().toString(36);
const dataRoot = path.resolve(env.DATA_DIR ?? ".data-bench", `webhooks-${runId}`);

function log(message: string): void {
  process.stderr.write(`bench:webhooks: ${message}\n`);
}

/** First attempts received: delivery id -> latency from the event's created_at (ms). */
class Receiver {
  readonly latencies = new Map<string, number>();
  readonly receivedAt = new Map<string, number>();
  retries = 0;
  lastAt = 0;
  /** Called when the first first-attempt arrives. */
  onFirst: () => void = () => undefined;
  private waiters: Array<{ count: number; resolve: () => void }> = [];
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const at = Date.now();
      if (RECEIVER_DELAY_MS > 0) setTimeout(() => res.writeHead(204).end(), RECEIVER_DELAY_MS);
      else res.writeHead(204).end();
      const id = String(req.headers["cloud-delivery-id"] ?? "");
      if (req.headers["cloud-delivery-attempt"] !== "1") {
        this.retries += 1;
        return;
      }
      if (this.latencies.has(id)) return;
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { created_at: string };
      if (this.latencies.size === 0) this.onFirst();
      this.latencies.set(id, at - Date.parse(body.created_at));
      this.receivedAt.set(id, at);
      this.lastAt = at;
      this.waiters = this.waiters.filter((w) => {
        if (this.latencies.size < w.count) return true;
        w.resolve();
        return false;
      });
    });
  });

  listen(): Promise<void> {
    this.server.keepAliveTimeout = 5000;
    return new Promise((resolve) => this.server.listen(receiverPort, "127.0.0.1", resolve));
  }

  /** Resolves once `count` first attempts have arrived; rejects after `timeoutMs`. */
  until(count: number, timeoutMs: number): Promise<void> {
    if (this.latencies.size >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${this.latencies.size} of ${count} deliveries arrived`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** CPU time (user + system) a process has used so far, in ms (Linux, 100 clock ticks/s). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function spawnServer(dataDir: string, extra: Record<string, string>): ChildProcess {
  // BENCH_PROFILE=<dir>: the server writes a CPU profile there when it stops.
  const profile = env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${env.BENCH_PROFILE}`] : [];
  const args = [...profile, "--import", "tsx", "bench/usage-bench-server.ts"];
  return spawn(process.execPath, args, {
    env: benchServerEnv(apiPort, dataDir, {
      // No provisioning transitions (and their events) during the run.
      PROVISION_DELAY_MS: "3600000",
      WEBHOOK_ALLOW_PRIVATE_URLS: "1",
      ...extra,
    }),
    stdio: ["ignore", "pipe", "inherit"],
  });
}

async function startServer(
  dataDir: string,
  extra: Record<string, string>,
): Promise<{ child: ChildProcess; key: string }> {
  const child = spawnServer(dataDir, extra);
  // BENCH_SERVER_LOG=1: the server's log (stdout) on this process's stderr.
  if (env.BENCH_SERVER_LOG === "1")
    child.stdout?.on("data", (c: Buffer) => process.stderr.write(c));
  return { child, key: (await seededServerReady(child)).key };
}

async function post(key: string, pathname: string, body: unknown): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${apiPort}${pathname}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`POST ${pathname}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

let created = 0;
const createResource = (key: string) =>
  post(key, "/v1/resources", { name: `wh-${runId}-${created++}`, type: "bucket" });

interface Figures {
  events: number;
  writeRate: number;
  deliveriesPerSec: number;
  /** Server CPU (user + system) per delivery while draining, ms. */
  cpuPerDelivery: number;
  pacedP50: number;
  pacedP99: number;
  retries: number;
  /** Deliveries/s the paced phase asked for. */
  pacedPerSec: number;
  /** Paced writes the API refused (their events, and deliveries, never happened). */
  writeErrors: number;
}

async function createEndpoints(key: string): Promise<void> {
  for (let i = 0; i < ENDPOINTS; i++) {
    await post(key, "/v1/webhook-endpoints", {
      url: `http://127.0.0.1:${receiverPort}/hooks/${i}`,
      enabled_events: ["resource.created"],
    });
  }
}

/**
 * 1. Backlog: with the job loop off, the events are written (each commits its deliveries' first
 *    attempts); the server restarts with jobs on and drains them: deliveries/s is the worker's
 *    own rate, not the writers'. 2. Paced: latency at a rate the worker sustains.
 */
async function run(dataDir: string, extra: Record<string, string>): Promise<Figures> {
  const receiver = new Receiver();
  await receiver.listen();
  const events = Math.ceil(DELIVERIES / ENDPOINTS);
  const target = events * ENDPOINTS;
  const writer = await startServer(dataDir, { ...extra, JOBS: "0" });
  let writeRate: number;
  try {
    await createEndpoints(writer.key);
    const started = Date.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: WRITERS }, async () => {
        while (next < events) {
          next += 1;
          await createResource(writer.key);
        }
      }),
    );
    writeRate = (events / (Date.now() - started)) * 1000;
  } finally {
    await stop(writer.child);
  }
  log(`${target} deliveries queued (${events} events at ${writeRate.toFixed(0)}/s); draining`);
  const child = spawnServer(dataDir, extra);
  if (env.BENCH_SERVER_LOG === "1")
    child.stdout?.on("data", (c: Buffer) => process.stderr.write(c));
  // The server's CPU over the drain alone (from the first receipt), not its start-up.
  let cpuAtFirst = 0;
  receiver.onFirst = () => {
    cpuAtFirst = cpuMs(child.pid);
  };
  const server = { child, key: (await seededServerReady(child)).key };
  try {
    await receiver.until(target, 180_000);
    const cpuPerDelivery = (cpuMs(child.pid) - cpuAtFirst) / target;
    const firstAt = Math.min(...[...receiver.receivedAt.values()]);
    const drained = receiver.lastAt - firstAt;
    const deliveriesPerSec = (target / Math.max(1, drained)) * 1000;
    log(`drained ${target} in ${drained} ms, ${cpuPerDelivery.toFixed(2)} ms of server CPU each`);
    // Paced: a fresh organization (each start seeds one) with its own endpoints.
    await createEndpoints(server.key);
    const before = new Set(receiver.latencies.keys());
    const rate =
      PACED_RATE ?? Math.max(1, Math.min(50, Math.floor((deliveriesPerSec / ENDPOINTS) * 0.5)));
    const pacedEvents = rate * PACED_SECONDS;
    const pacedStart = Date.now();
    const pending: Array<Promise<void>> = [];
    let writeErrors = 0;
    for (let i = 0; i < pacedEvents; i++) {
      const due = pacedStart + (i * 1000) / rate;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        createResource(server.key).catch((error: unknown) => {
          // Counted and reported: a refused write makes no deliveries to wait for.
          writeErrors += 1;
          log(`paced write failed: ${(error as Error).message.slice(0, 120)}`);
        }),
      );
    }
    await Promise.all(pending);
    await receiver.until(target + (pacedEvents - writeErrors) * ENDPOINTS, 60_000);
    const paced = [...receiver.latencies.entries()]
      .filter(([id]) => !before.has(id))
      .map(([, ms]) => ms)
      .sort((a, b) => a - b);
    return {
      events,
      writeRate,
      deliveriesPerSec,
      pacedPerSec: rate * ENDPOINTS,
      cpuPerDelivery,
      pacedP50: percentile(paced, 0.5),
      pacedP99: percentile(paced, 0.99),
      retries: receiver.retries,
      writeErrors,
    };
  } finally {
    await stop(server.child);
    await receiver.close();
  }
}

function row(store: string, f: Figures): string {
  return `| ${store} | ${f.events * ENDPOINTS} | ${f.writeRate.toFixed(0)} | ${f.deliveriesPerSec.toFixed(0)} | ${f.cpuPerDelivery.toFixed(2)} ms | ${f.pacedPerSec} | ${f.pacedP50} / ${f.pacedP99} ms | ${f.writeErrors} | ${f.retries} |`;
}

async function main(): Promise<void> {
  const lines = [
    "",
    `Webhook deliveries (${ENDPOINTS} endpoints on a loopback receiver answering after ${RECEIVER_DELAY_MS} ms; a backlog written by ${WRITERS} concurrent writers, then drained; paced for ${PACED_SECONDS} s)`,
    "",
    "| store | deliveries drained | events written/s (jobs off) | first attempts/s (drain) | server CPU per delivery | paced deliveries/s | paced first-attempt latency p50 / p99 | paced writes refused | retries |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const goals: string[] = [];
  if (env.BENCH_SQLITE !== "0") {
    const sqlite = await run(path.join(dataRoot, "sqlite"), {});
    lines.push(row("SQLite", sqlite));
    goals.push(
      `goals (SQLite): >= 1,000 deliveries/s ${sqlite.deliveriesPerSec >= 1000 ? "met" : "NOT met"}; paced p99 <= 1 s ${sqlite.pacedP99 <= 1000 ? "met" : "NOT met"}`,
    );
  }
  if (env.BENCH_PG !== "0") {
    const schema = `bench_webhooks_${runId}`;
    const admin = new pg.Client({ connectionString: pgBase });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    const url = new URL(pgBase);
    url.searchParams.set("options", `-c search_path=${schema}`);
    try {
      const figures = await run(path.join(dataRoot, "pg"), { DATABASE_URL: url.toString() });
      lines.push(row("PostgreSQL", figures));
      goals.push(
        `goal (PostgreSQL): paced p99 <= 1 s ${figures.pacedP99 <= 1000 ? "met" : "NOT met"}`,
      );
    } finally {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    }
  }
  console.log([...lines, "", ...goals].join("\n"));
}

runBench(main, dataRoot);
