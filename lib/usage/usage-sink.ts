import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { Kysely } from "kysely";
import type { Store, StoreKind } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import type { Logger } from "@/lib/logger";
import type { UsageBatch, UsageBatchData } from "./usage-batch";
import { UsageBatchStore } from "./usage-batch-store";

/** Where the usage writer's batches go: the store, in this thread or in a worker thread. */
export interface UsageSink {
  /** Where writes run now: a worker thread, or this one (also after the thread failed). */
  readonly runsIn: "thread" | "this thread";
  /** Writes the batch from its start, moving start past what is stored; rejects if not all is. */
  write(batch: UsageBatch): Promise<void>;
  close(): Promise<void>;
}

/** What the sink thread is started with: the store to open and, for SQLite, the write lease. */
export type SinkThreadData =
  | { kind: "sqlite"; file: string; lease: SharedArrayBuffer }
  | { kind: "postgres"; url: string };

export type SinkRequest = { kind: "write"; id: number; batch: UsageBatchData } | { kind: "close" };

/** `written`: how many of the request's records are stored so far (after each commit). */
export interface SinkReply {
  id: number;
  written: number;
  done: boolean;
  error: string | null;
}

/** Writes in this thread, through the store's own handle. */
export function localUsageSink(db: Kysely<Database>, kind: StoreKind): UsageSink {
  const store = new UsageBatchStore(db, kind);
  return { runsIn: "this thread", write: (batch) => store.insert(batch), close: async () => {} };
}

/**
 * The thread's code: beside the bundle when built (dist/usage-sink-thread.js), else the source
 * file through tsx's require hook (npm run dev, tests; `--import tsx` in a worker's execArgv does
 * not reach its entry file on Node 20).
 */
function threadSource(): { code: string; eval: boolean } | undefined {
  const bundled = path.join(__dirname, "usage-sink-thread.js");
  if (existsSync(bundled)) return { code: bundled, eval: false };
  const source = path.resolve("lib/usage/usage-sink-thread.ts");
  if (!existsSync(source)) return undefined;
  return { code: `require("tsx/cjs"); require(${JSON.stringify(source)});`, eval: true };
}

interface InFlight {
  batch: UsageBatch;
  /** batch.start when it was sent: the thread counts from there. */
  from: number;
  settle: (error: Error | null) => void;
}

/**
 * Writes in a worker thread with its own connection, so the inserts, the interning and the rollup
 * sums (~10 us a request on SQLite, a tenth of a GET; on PostgreSQL the statements' encoding)
 * leave the event loop; the main thread only copies the batch's columns into a message. If the
 * thread cannot start or dies, writes carry on in this thread: records in flight are written
 * again from the last commit the thread reported.
 */
class ThreadUsageSink implements UsageSink {
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 1;
  private fallback: UsageSink | undefined;
  private closing = false;
  private readonly exited: Promise<void>;

  constructor(
    private readonly worker: Worker,
    private readonly local: () => UsageSink,
    private readonly logger: Logger,
  ) {
    worker.unref();
    worker.on("message", (reply: SinkReply) => this.onReply(reply));
    worker.on("error", (error) => this.fail(error));
    this.exited = new Promise((resolve) =>
      worker.once("exit", () => {
        this.fail(new Error("the usage sink thread stopped"));
        resolve();
      }),
    );
  }

  get runsIn(): UsageSink["runsIn"] {
    return this.fallback ? "this thread" : "thread";
  }

  write(batch: UsageBatch): Promise<void> {
    if (this.fallback) return this.fallback.write(batch);
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.inFlight.set(id, {
        batch,
        from: batch.start,
        settle: (error) => (error ? reject(error) : resolve()),
      });
      // Referenced while a write is out, so the process waits for it at shutdown.
      this.worker.ref();
      // The numbers are a copy already: handed over, not copied a second time.
      const data = batch.unwritten();
      const request: SinkRequest = { kind: "write", id, batch: data };
      this.worker.postMessage(request, [data.numbers.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    if (!this.fallback) {
      this.worker.ref();
      this.worker.postMessage({ kind: "close" } satisfies SinkRequest);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.exited,
        new Promise((resolve) => (timer = setTimeout(resolve, 5000))),
      ]);
      clearTimeout(timer);
      await this.worker.terminate();
    }
    await this.fallback?.close();
  }

  private onReply(reply: SinkReply): void {
    if (reply.id === 0) {
      this.logger.debug("usage sink thread ready");
      return;
    }
    const flight = this.inFlight.get(reply.id);
    if (!flight) return;
    flight.batch.start = flight.from + reply.written;
    if (!reply.done) return;
    this.inFlight.delete(reply.id);
    if (this.inFlight.size === 0) this.worker.unref();
    flight.settle(reply.error === null ? null : new Error(reply.error));
  }

  private fail(error: Error): void {
    if (this.fallback) return;
    this.fallback = this.local();
    if (this.inFlight.size > 0 || !this.closing)
      this.logger.warn({ err: error.message }, "usage sink thread failed; writing in-process");
    for (const flight of this.inFlight.values()) flight.settle(error);
    this.inFlight.clear();
  }
}

/**
 * The sink for a store: a worker thread with its own connection for a SQLite file or a
 * PostgreSQL store (when the thread's code can be found), else this thread (in-memory SQLite).
 */
export function openUsageSink(
  store: Pick<Store, "db" | "kind" | "sqliteFile" | "postgresUrl">,
  logger: Logger,
): UsageSink {
  const local = () => localUsageSink(store.db, store.kind);
  const data: SinkThreadData | undefined = store.sqliteFile
    ? { kind: "sqlite", file: store.sqliteFile.path, lease: store.sqliteFile.lease.buffer }
    : store.postgresUrl
      ? { kind: "postgres", url: store.postgresUrl }
      : undefined;
  const source = data ? threadSource() : undefined;
  if (!data || !source) return local();
  const worker = new Worker(source.code, { workerData: data, eval: source.eval });
  return new ThreadUsageSink(worker, local, logger);
}
