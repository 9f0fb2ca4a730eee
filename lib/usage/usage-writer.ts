import { CompiledQuery, type Kysely } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import type { Database, Environment } from "@/lib/db/schema";
import type { Logger } from "@/lib/logger";

/** One authenticated API request, as the usage rollups and billing read it. */
export interface UsageRecord {
  /** Milliseconds since the epoch when the answer was ready. */
  at: number;
  organizationId: string;
  projectId: string;
  environment: Environment;
  keyId: string | null;
  method: string;
  /** The route template ("/v1/resources/:id"), never the raw path. */
  route: string;
  status: number;
  latencyMs: number;
  bytesIn: number;
  bytesOut: number;
}

export interface UsageWriterOptions {
  /** Longest time a record waits in memory (the contract: at least every second). */
  intervalMs?: number;
  /** Above this many waiting records a flush starts at once. */
  flushAt?: number;
  /** If the store is away this long, the oldest records are dropped beyond this many. */
  maxBuffered?: number;
}

const COLUMNS = [
  "ts",
  "organization_id",
  "project_id",
  "environment",
  "key_id",
  "method",
  "route",
  "status",
  "latency_ms",
  "bytes_in",
  "bytes_out",
] as const;
const LARGEST_CHUNK = 256;

/**
 * Buffers usage records in memory and writes them in multi-row inserts: off the request path (the
 * request only pushes onto an array), at least once a second, and on close() for a graceful
 * shutdown. Chunks are powers of two, so only a handful of statement texts ever exist (SQLite's
 * prepared-statement cache stays small) and the event loop gets a turn between chunks.
 */
export class UsageWriter {
  private buffer: UsageRecord[] = [];
  private readonly statements = new Map<number, string>();
  private readonly timer: NodeJS.Timeout;
  private readonly flushAt: number;
  private readonly maxBuffered: number;
  private flushing: Promise<number> | undefined;
  private closed = false;
  private dropped = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly logger: Logger,
    options: UsageWriterOptions = {},
  ) {
    this.flushAt = options.flushAt ?? 5_000;
    this.maxBuffered = options.maxBuffered ?? 500_000;
    this.timer = setInterval(() => void this.flush(), options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  /** Records waiting to be written. */
  get pending(): number {
    return this.buffer.length;
  }

  /** Records dropped because the store stayed unavailable (also logged). */
  get droppedCount(): number {
    return this.dropped;
  }

  record(usage: UsageRecord): void {
    this.buffer.push(usage);
    if (this.buffer.length === this.flushAt && !this.flushing) void this.flush();
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
  }

  private async writeAll(): Promise<number> {
    let written = 0;
    while (this.buffer.length > 0) {
      const batch = this.buffer;
      this.buffer = [];
      try {
        written += await this.insert(batch);
      } catch (error) {
        this.keepForRetry(error);
        break;
      }
    }
    return written;
  }

  private async insert(batch: UsageRecord[]): Promise<number> {
    let offset = 0;
    while (offset < batch.length) {
      let size = LARGEST_CHUNK;
      while (size > batch.length - offset) size >>= 1;
      const parameters: unknown[] = [];
      for (let i = offset; i < offset + size; i++) {
        const r = batch[i] as UsageRecord;
        parameters.push(
          new Date(r.at).toISOString(),
          r.organizationId,
          r.projectId,
          r.environment,
          r.keyId,
          r.method,
          r.route,
          r.status,
          r.latencyMs,
          r.bytesIn,
          r.bytesOut,
        );
      }
      try {
        await this.db.executeQuery(CompiledQuery.raw(this.statementFor(size), parameters));
      } catch (error) {
        // What is not written yet goes back to the buffer; the caller logs once.
        this.buffer = batch.slice(offset).concat(this.buffer);
        throw error;
      }
      offset += size;
      // Let requests run between chunks (better-sqlite3 is synchronous).
      if (offset < batch.length) await new Promise((resolve) => setImmediate(resolve));
    }
    return batch.length;
  }

  private keepForRetry(error: unknown): void {
    const over = this.buffer.length - this.maxBuffered;
    if (over > 0) {
      this.buffer.splice(0, over);
      this.dropped += over;
    }
    this.logger.warn(
      { err: error, pending: this.buffer.length, dropped: this.dropped },
      "usage records could not be written; retrying",
    );
  }

  private statementFor(rows: number): string {
    let statement = this.statements.get(rows);
    if (!statement) {
      const groups: string[] = [];
      let n = 0;
      for (let row = 0; row < rows; row++) {
        const marks = COLUMNS.map(() => (this.kind === "postgres" ? `$${++n}` : "?"));
        groups.push(`(${marks.join(", ")})`);
      }
      statement = `insert into usage_requests (${COLUMNS.join(", ")}) values ${groups.join(", ")}`;
      this.statements.set(rows, statement);
    }
    return statement;
  }
}
