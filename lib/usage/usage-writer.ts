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
const NUMBERS_PER_RECORD = 5; // at, status, latency, bytes in, bytes out
const TEXTS_PER_RECORD = 6; // organization, project, environment, key, method, route

/**
 * Records in columns: numbers in a Float64Array, strings as references to strings the request
 * already had. A record object per request that lived until the next flush (a second) would
 * survive young-generation collections and be promoted, which costs far more than writing it.
 */
class UsageBatch {
  size = 0;
  /** Records before this index are written. */
  start = 0;
  private numbers = new Float64Array(NUMBERS_PER_RECORD * 1024);
  private readonly texts: Array<string | null> = [];

  push(usage: UsageRecord): void {
    if ((this.size + 1) * NUMBERS_PER_RECORD > this.numbers.length) {
      const bigger = new Float64Array(this.numbers.length * 2);
      bigger.set(this.numbers);
      this.numbers = bigger;
    }
    const n = this.numbers;
    const at = this.size * NUMBERS_PER_RECORD;
    n[at] = usage.at;
    n[at + 1] = usage.status;
    n[at + 2] = usage.latencyMs;
    n[at + 3] = usage.bytesIn;
    n[at + 4] = usage.bytesOut;
    this.texts.push(
      usage.organizationId,
      usage.projectId,
      usage.environment,
      usage.keyId,
      usage.method,
      usage.route,
    );
    this.size++;
  }

  get remaining(): number {
    return this.size - this.start;
  }

  /** Statement parameters for records [from, from + count), in COLUMNS order. */
  parameters(from: number, count: number): unknown[] {
    const out: unknown[] = new Array(count * COLUMNS.length);
    const n = this.numbers;
    const t = this.texts;
    let k = 0;
    for (let i = from; i < from + count; i++) {
      const a = i * NUMBERS_PER_RECORD;
      const b = i * TEXTS_PER_RECORD;
      out[k++] = new Date(n[a] as number).toISOString();
      out[k++] = t[b];
      out[k++] = t[b + 1];
      out[k++] = t[b + 2];
      out[k++] = t[b + 3];
      out[k++] = t[b + 4];
      out[k++] = t[b + 5];
      out[k++] = n[a + 1];
      out[k++] = n[a + 2];
      out[k++] = n[a + 3];
      out[k++] = n[a + 4];
    }
    return out;
  }
}

/**
 * Buffers usage records in memory and writes them in multi-row inserts: off the request path (the
 * request only copies a few values into a buffer), at least once a second, and on close() for a
 * graceful shutdown. Chunks are powers of two, so only a handful of statement texts ever exist
 * (SQLite's prepared-statement cache stays small) and the event loop gets a turn between chunks.
 */
export class UsageWriter {
  private current = new UsageBatch();
  /** Batches taken for writing that failed; written first next time. */
  private readonly backlog: UsageBatch[] = [];
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
    let count = this.current.size;
    for (const batch of this.backlog) count += batch.remaining;
    return count;
  }

  /** Records dropped because the store stayed unavailable (also logged). */
  get droppedCount(): number {
    return this.dropped;
  }

  record(usage: UsageRecord): void {
    this.current.push(usage);
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
        await this.insert(batch);
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

  /** Writes the batch from its start, moving start past every chunk that is written. */
  private async insert(batch: UsageBatch): Promise<void> {
    while (batch.start < batch.size) {
      let size = LARGEST_CHUNK;
      while (size > batch.size - batch.start) size >>= 1;
      await this.db.executeQuery(
        CompiledQuery.raw(this.statementFor(size), batch.parameters(batch.start, size)),
      );
      batch.start += size;
      // Let requests run between chunks (better-sqlite3 is synchronous).
      if (batch.start < batch.size) await new Promise((resolve) => setImmediate(resolve));
    }
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
