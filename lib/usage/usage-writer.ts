import type { Kysely } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import type { Database, Environment } from "@/lib/db/schema";
import type { Logger } from "@/lib/logger";
import type { Principal } from "@/lib/principal";
import { type RequestDetail, UsageBatch } from "./usage-batch";
import { localUsageSink, type UsageSink } from "./usage-sink";

export type { RequestDetail } from "./usage-batch";

/** One authenticated API request, as the usage rollups, billing and the request logs read it. */
export interface UsageRecord {
  /** Milliseconds since the epoch when the answer was ready. */
  at: number;
  organizationId: string;
  projectId: string;
  environment: Environment;
  keyId: string | null;
  /** The member of a portal call. */
  userId?: string | null;
  method: string;
  /** The route template ("/v1/resources/:id"), never the raw path. */
  route: string;
  status: number;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
  requestId?: string | null;
  path?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  idempotencyKey?: string | null;
  replayed?: boolean;
  errorCode?: string | null;
  errorDetail?: string | null;
}

export interface UsageWriterOptions {
  /** Longest time a record waits in memory (the contract: at least every second). */
  intervalMs?: number;
  /** Above this many waiting records a flush starts at once. */
  flushAt?: number;
  /** If the store is away this long, the oldest records are dropped beyond this many. */
  maxBuffered?: number;
  /** Where batches are written (lib/usage/usage-sink.ts); by default the store, in this thread. */
  sink?: UsageSink;
}

/**
 * Buffers usage records in memory and writes them off the request path (the request only copies
 * a few values into a buffer), at least once a second, and on close() for a graceful shutdown.
 * Batches go to a sink (lib/usage/usage-sink.ts: a worker thread for a SQLite file, else this
 * thread) that stores each in transactions of raw rows plus their minute rollup increments
 * (lib/usage/usage-batch-store.ts). A batch that fails stays first in line and is written from
 * its last committed record on the next flush.
 */
export class UsageWriter {
  private current = new UsageBatch();
  /** Batches taken for writing that failed; written first next time. */
  private readonly backlog: UsageBatch[] = [];
  private readonly sink: UsageSink;
  private readonly timer: NodeJS.Timeout;
  private readonly flushAt: number;
  private readonly maxBuffered: number;
  private flushing: Promise<number> | undefined;
  private closed = false;
  private dropped = 0;

  constructor(
    db: Kysely<Database>,
    kind: StoreKind,
    private readonly logger: Logger,
    options: UsageWriterOptions = {},
  ) {
    this.sink = options.sink ?? localUsageSink(db, kind);
    this.flushAt = options.flushAt ?? 5_000;
    this.maxBuffered = options.maxBuffered ?? 500_000;
    this.timer = setInterval(() => void this.flush(), options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  /** Records waiting to be written. */
  get pending(): number {
    let count = this.current.size;
    for (const batch of this.backlog) count += batch.remaining;
    return count;
  }

  /** Records dropped because the store stayed unavailable (also logged). */
  get droppedCount(): number {
    return this.dropped;
  }

  record(usage: UsageRecord): void {
    const detail: RequestDetail | null = usage.requestId
      ? {
          requestId: usage.requestId,
          path: usage.path ?? usage.route,
          ip: usage.ip ?? null,
          userAgent: usage.userAgent ?? null,
          idempotencyKey: usage.idempotencyKey ?? null,
          replayed: usage.replayed ?? false,
          errorCode: usage.errorCode ?? null,
          errorDetail: usage.errorDetail ?? null,
        }
      : null;
    this.current.push(
      usage.at,
      usage.organizationId,
      usage.projectId,
      usage.environment,
      usage.keyId,
      usage.userId ?? null,
      usage.method,
      usage.route,
      usage.status,
      usage.latencyMs,
      usage.bytesIn,
      usage.bytesOut,
      detail,
    );
    this.afterPush();
  }

  /** record() for an API request answered now, without a record object. */
  recordRequest(
    principal: Principal,
    method: string,
    route: string,
    status: number,
    latencyMs: number,
    bytesIn: number,
    bytesOut: number,
    detail: RequestDetail | null = null,
  ): void {
    this.current.push(
      Date.now(),
      principal.organizationId,
      principal.projectId,
      principal.environment,
      principal.keyId,
      principal.kind === "portal" ? principal.userId : null,
      method,
      route,
      status,
      latencyMs,
      bytesIn,
      bytesOut,
      detail,
    );
    this.afterPush();
  }

  private afterPush(): void {
    if (this.current.size === this.flushAt && !this.flushing) void this.flush();
  }

  /** Writes everything recorded so far; resolves with the number of rows written. */
  flush(): Promise<number> {
    const run = (this.flushing ?? Promise.resolve(0)).then(() => this.writeAll());
    this.flushing = run;
    void run.finally(() => {
      if (this.flushing === run) this.flushing = undefined;
    });
    return run;
  }

  /** Stops the timer and writes what is left (graceful shutdown). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.flush();
    await this.sink.close();
  }

  private nextBatch(): UsageBatch | undefined {
    const failed = this.backlog.shift();
    if (failed) return failed;
    if (this.current.size === 0) return undefined;
    const batch = this.current;
    this.current = new UsageBatch();
    return batch;
  }

  private async writeAll(): Promise<number> {
    let written = 0;
    for (let batch = this.nextBatch(); batch; batch = this.nextBatch()) {
      const before = batch.start;
      try {
        await this.sink.write(batch);
        written += batch.size - before;
      } catch (error) {
        written += batch.start - before;
        this.backlog.unshift(batch);
        this.keepForRetry(error);
        break;
      }
    }
    return written;
  }

  private keepForRetry(error: unknown): void {
    let over = this.pending - this.maxBuffered;
    while (over > 0 && this.backlog.length > 0) {
      const oldest = this.backlog[0] as UsageBatch;
      const drop = Math.min(over, oldest.remaining);
      oldest.start += drop;
      this.dropped += drop;
      over -= drop;
      if (oldest.remaining === 0) this.backlog.shift();
    }
    this.logger.warn(
      { err: error, pending: this.pending, dropped: this.dropped },
      "usage records could not be written; retrying",
    );
  }
}
