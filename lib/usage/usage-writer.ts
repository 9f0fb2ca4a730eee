import { CompiledQuery, type Kysely } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import type { Database, Environment } from "@/lib/db/schema";
import type { Logger } from "@/lib/logger";
import type { Principal } from "@/lib/principal";
import { bucketOf, HISTOGRAM_BUCKETS, HISTOGRAM_COLUMNS } from "./histogram";

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

/** What the request logs keep about a request beyond its usage figures. */
export interface RequestDetail {
  requestId: string;
  path: string;
  ip: string | null;
  userAgent: string | null;
  idempotencyKey: string | null;
  replayed: boolean;
  errorCode: string | null;
  errorDetail: string | null;
}

export interface UsageWriterOptions {
  /** Longest time a record waits in memory (the contract: at least every second). */
  intervalMs?: number;
  /** Above this many waiting records a flush starts at once. */
  flushAt?: number;
  /** If the store is away this long, the oldest records are dropped beyond this many. */
  maxBuffered?: number;
}

/** The raw request record's columns, in statement order (the bench seeds rows in it too). */
export const RAW_COLUMNS = [
  "ts",
  "scope_id",
  "series_id",
  "latency_us",
  "bytes_in",
  "bytes_out",
  "request_id",
  "path",
  "ip",
  "user_agent_id",
  "idempotency_key",
  "replayed",
  "error_code",
  "error_detail",
] as const;
const ROLLUP_KEY = [
  "project_id",
  "environment",
  "granularity",
  "bucket",
  "key_id",
  "method",
  "route",
  "status_class",
] as const;
const ROLLUP_MEASURES = [
  "requests",
  "throttled",
  "latency_sum_ms",
  "bytes_in",
  "bytes_out",
  ...HISTOGRAM_COLUMNS,
] as const;
const ROLLUP_COLUMNS = ["organization_id", ...ROLLUP_KEY, ...ROLLUP_MEASURES] as const;

/** Raw rows per INSERT statement at most (chunks are powers of two: few statement texts). */
const LARGEST_CHUNK = 128;
/** Raw rows per transaction at most: short enough (~2 ms on SQLite) not to hold up requests. */
const ROWS_PER_TRANSACTION = 1024;
/** Minute rows per upsert statement at most. */
const LARGEST_UPSERT = 32;
/** Longer user agents are cut here (they are interned, and a unique index has a size limit). */
const MAX_USER_AGENT = 512;
/** Interned user agents remembered at most; past this the cache starts again. */
const MAX_CACHED_AGENTS = 10_000;
const NUMBERS_PER_RECORD = 6; // at, status, latency (us), bytes in, bytes out, replayed
// organization, project, environment, key, member, method, route, request id, path, ip, user
// agent, idempotency key, error code, error detail
const TEXTS_PER_RECORD = 14;

/**
 * `toISOString()` of a millisecond time's minute, from a per-second cache (records arrive in time
 * order, so the cache nearly always hits).
 */
class MinuteClock {
  private second = Number.NaN;
  /** "YYYY-MM-DDTHH:MM:00.000Z": the minute bucket of the cached second. */
  minute = "";

  of(ms: number): string {
    const second = Math.floor(ms / 1000);
    if (second !== this.second) {
      this.second = second;
      this.minute = `${new Date(second * 1000).toISOString().slice(0, 16)}:00.000Z`;
    }
    return this.minute;
  }
}

/** One minute rollup row's increments, summed over some records. */
interface MinuteRow {
  sortKey: string;
  organizationId: string;
  projectId: string;
  environment: string;
  bucket: string;
  keyId: string;
  method: string;
  route: string;
  statusClass: number;
  requests: number;
  throttled: number;
  latencySumMs: number;
  bytesIn: number;
  bytesOut: number;
  histogram: number[];
}

/** Interned ids a write resolved: scope, series and user agent per record. */
interface Interned {
  scope: Int32Array;
  series: Int32Array;
  agent: Int32Array;
}

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
  readonly texts: Array<string | null> = [];

  push(
    at: number,
    organizationId: string,
    projectId: string,
    environment: string,
    keyId: string | null,
    userId: string | null,
    method: string,
    route: string,
    status: number,
    latencyMs: number,
    bytesIn: number,
    bytesOut: number,
    detail: RequestDetail | null,
  ): void {
    if ((this.size + 1) * NUMBERS_PER_RECORD > this.numbers.length) {
      const bigger = new Float64Array(this.numbers.length * 2);
      bigger.set(this.numbers);
      this.numbers = bigger;
    }
    const n = this.numbers;
    const i = this.size * NUMBERS_PER_RECORD;
    n[i] = at;
    n[i + 1] = status;
    // Whole microseconds, stored and histogrammed alike (the rollups and the raw tail agree).
    n[i + 2] = Math.round(latencyMs * 1000);
    n[i + 3] = bytesIn;
    n[i + 4] = bytesOut;
    n[i + 5] = detail?.replayed ? 1 : 0;
    this.texts.push(
      organizationId,
      projectId,
      environment,
      keyId ?? "",
      userId ?? "",
      method,
      route,
      detail ? detail.requestId : null,
      detail ? detail.path : null,
      detail ? detail.ip : null,
      detail ? detail.userAgent : null,
      detail ? detail.idempotencyKey : null,
      detail ? detail.errorCode : null,
      detail ? detail.errorDetail : null,
    );
    this.size++;
  }

  get remaining(): number {
    return this.size - this.start;
  }

  status(i: number): number {
    return this.numbers[i * NUMBERS_PER_RECORD + 1] as number;
  }

  /** Raw-row statement parameters for records [from, from + count), in RAW_COLUMNS order. */
  rawParameters(from: number, count: number, first: number, ids: Interned): unknown[] {
    const out: unknown[] = new Array(count * RAW_COLUMNS.length);
    const n = this.numbers;
    const t = this.texts;
    let k = 0;
    for (let i = from; i < from + count; i++) {
      const a = i * NUMBERS_PER_RECORD;
      const b = i * TEXTS_PER_RECORD;
      const j = i - first;
      const agent = ids.agent[j] as number;
      out[k++] = n[a];
      out[k++] = ids.scope[j];
      out[k++] = ids.series[j];
      out[k++] = n[a + 2];
      out[k++] = n[a + 3];
      out[k++] = n[a + 4];
      out[k++] = t[b + 7];
      out[k++] = t[b + 8];
      out[k++] = t[b + 9];
      out[k++] = agent === 0 ? null : agent;
      out[k++] = t[b + 11];
      out[k++] = n[a + 5];
      out[k++] = t[b + 12];
      out[k++] = t[b + 13];
    }
    return out;
  }

  /**
   * The minute rollup increments of records [from, from + count), one row per (minute, project,
   * environment, key, method, route, status class), in key order so that concurrent writers lock
   * rows in the same order on PostgreSQL.
   */
  minuteRows(from: number, count: number, clock: MinuteClock): MinuteRow[] {
    const rows = new Map<string, MinuteRow>();
    const n = this.numbers;
    const t = this.texts;
    for (let i = from; i < from + count; i++) {
      const a = i * NUMBERS_PER_RECORD;
      const b = i * TEXTS_PER_RECORD;
      const bucket = clock.of(n[a] as number);
      const status = n[a + 1] as number;
      const statusClass = Math.floor(status / 100);
      const keyId = t[b + 3] as string;
      const sortKey = `${bucket}\u0000${t[b + 1]}\u0000${t[b + 2]}\u0000${keyId}\u0000${t[b + 5]}\u0000${t[b + 6]}\u0000${statusClass}`;
      let row = rows.get(sortKey);
      if (!row) {
        row = {
          sortKey,
          organizationId: t[b] as string,
          projectId: t[b + 1] as string,
          environment: t[b + 2] as string,
          bucket,
          keyId,
          method: t[b + 5] as string,
          route: t[b + 6] as string,
          statusClass,
          requests: 0,
          throttled: 0,
          latencySumMs: 0,
          bytesIn: 0,
          bytesOut: 0,
          histogram: new Array<number>(HISTOGRAM_BUCKETS).fill(0),
        };
        rows.set(sortKey, row);
      }
      const latency = (n[a + 2] as number) / 1000;
      row.requests++;
      if (status === 429) row.throttled++;
      row.latencySumMs += latency;
      row.bytesIn += n[a + 3] as number;
      row.bytesOut += n[a + 4] as number;
      (row.histogram[bucketOf(latency)] as number)++;
    }
    return [...rows.values()].sort((x, y) => (x.sortKey < y.sortKey ? -1 : 1));
  }
}

function minuteParameters(rows: MinuteRow[]): unknown[] {
  const out: unknown[] = [];
  for (const row of rows) {
    out.push(
      row.organizationId,
      row.projectId,
      row.environment,
      "minute",
      row.bucket,
      row.keyId,
      row.method,
      row.route,
      row.statusClass,
      row.requests,
      row.throttled,
      row.latencySumMs,
      row.bytesIn,
      row.bytesOut,
      ...row.histogram,
    );
  }
  return out;
}

/**
 * Buffers usage records in memory and writes them off the request path (the request only copies
 * a few values into a buffer), at least once a second, and on close() for a graceful shutdown.
 *
 * Each write is one transaction of at most ROWS_PER_TRANSACTION records: their raw rows
 * (request_log, multi-row INSERTs of small integers, the tenant, series and user agent interned
 * through caches that only learn ids once their transaction committed) and their minute rollup
 * increments (usage_rollups, additive upserts summed from the batch in memory). Both land or
 * neither does, so every record is counted in the minute rollup exactly once, on any number of
 * instances, and the rollup job never reads raw rows back (it builds status, hour and day rows
 * from minute rows). The event loop gets a turn between transactions.
 */
export class UsageWriter {
  private current = new UsageBatch();
  /** Batches taken for writing that failed; written first next time. */
  private readonly backlog: UsageBatch[] = [];
  private readonly rawStatements = new Map<number, string>();
  private readonly upsertStatements = new Map<number, string>();
  private readonly clock = new MinuteClock();
  private readonly scopes = new Map<string, number>();
  private readonly series = new Map<string, number>();
  private readonly agents = new Map<string, number>();
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

  /** Writes the batch from its start, moving start past every transaction that commits. */
  private async insert(batch: UsageBatch): Promise<void> {
    while (batch.start < batch.size) {
      const from = batch.start;
      const count = Math.min(ROWS_PER_TRANSACTION, batch.size - from);
      const minutes = batch.minuteRows(from, count, this.clock);
      const learned = new Map<string, number>();
      await this.db.transaction().execute(async (trx) => {
        const ids = await this.intern(trx, batch, from, count, learned);
        for (let at = from; at < from + count; ) {
          let size = LARGEST_CHUNK;
          while (size > from + count - at) size >>= 1;
          await trx.executeQuery(
            CompiledQuery.raw(this.rawStatement(size), batch.rawParameters(at, size, from, ids)),
          );
          at += size;
        }
        for (let at = 0; at < minutes.length; ) {
          let size = LARGEST_UPSERT;
          while (size > minutes.length - at) size >>= 1;
          await trx.executeQuery(
            CompiledQuery.raw(
              this.upsertStatement(size),
              minuteParameters(minutes.slice(at, at + size)),
            ),
          );
          at += size;
        }
      });
      // Ids are only remembered once the rows that hold them have committed.
      for (const [key, id] of learned) {
        const cache = key[0] === "s" ? this.scopes : key[0] === "r" ? this.series : this.agents;
        if (cache === this.agents && cache.size >= MAX_CACHED_AGENTS) cache.clear();
        cache.set(key.slice(1), id);
      }
      batch.start += count;
      // Let requests run between transactions (better-sqlite3 is synchronous).
      if (batch.start < batch.size) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The scope, series and user agent id of each record in [from, from + count): from the caches,
   * else found or created in the store (insert-if-absent, then read back: safe with several
   * writers). New ids go into `learned` (prefixed s/r/a) for the caller to cache after commit.
   */
  private async intern(
    trx: Kysely<Database>,
    batch: UsageBatch,
    from: number,
    count: number,
    learned: Map<string, number>,
  ): Promise<Interned> {
    const ids: Interned = {
      scope: new Int32Array(count),
      series: new Int32Array(count),
      agent: new Int32Array(count),
    };
    const t = batch.texts;
    const known = (prefix: string, cache: Map<string, number>, key: string) =>
      cache.get(key) ?? learned.get(prefix + key);
    for (let i = from; i < from + count; i++) {
      const b = i * TEXTS_PER_RECORD;
      const j = i - from;
      const org = t[b] as string;
      const project = t[b + 1] as string;
      const environment = t[b + 2] as string;
      const scopeKey = `${org}\u0000${project}\u0000${environment}`;
      let scope = known("s", this.scopes, scopeKey);
      if (scope === undefined) {
        await trx
          .insertInto("request_scopes")
          .values({ organization_id: org, project_id: project, environment: environment as never })
          .onConflict((oc) =>
            oc.columns(["project_id", "environment", "organization_id"]).doNothing(),
          )
          .execute();
        const row = await trx
          .selectFrom("request_scopes")
          .select("id")
          .where("project_id", "=", project)
          .where("environment", "=", environment as never)
          .where("organization_id", "=", org)
          .executeTakeFirstOrThrow();
        scope = Number(row.id);
        learned.set(`s${scopeKey}`, scope);
      }
      ids.scope[j] = scope;

      const status = batch.status(i);
      const keyId = t[b + 3] as string;
      const userId = t[b + 4] as string;
      const method = t[b + 5] as string;
      const route = t[b + 6] as string;
      const seriesKey = `${scope}\u0000${keyId}\u0000${userId}\u0000${method}\u0000${route}\u0000${status}`;
      let series = known("r", this.series, seriesKey);
      if (series === undefined) {
        const tuple = {
          scope_id: scope,
          key_id: keyId,
          user_id: userId,
          method,
          route,
          status,
        };
        await trx
          .insertInto("request_series")
          .values({
            ...tuple,
            organization_id: org,
            project_id: project,
            environment: environment as never,
          })
          .onConflict((oc) =>
            oc.columns(["scope_id", "key_id", "user_id", "method", "route", "status"]).doNothing(),
          )
          .execute();
        const row = await trx
          .selectFrom("request_series")
          .select("id")
          .where("scope_id", "=", scope)
          .where("key_id", "=", keyId)
          .where("user_id", "=", userId)
          .where("method", "=", method)
          .where("route", "=", route)
          .where("status", "=", status)
          .executeTakeFirstOrThrow();
        series = Number(row.id);
        learned.set(`r${seriesKey}`, series);
      }
      ids.series[j] = series;

      const agentText = t[b + 10];
      if (agentText) {
        const value =
          agentText.length > MAX_USER_AGENT ? agentText.slice(0, MAX_USER_AGENT) : agentText;
        let agent = known("a", this.agents, value);
        if (agent === undefined) {
          await trx
            .insertInto("request_user_agents")
            .values({ value })
            .onConflict((oc) => oc.column("value").doNothing())
            .execute();
          const row = await trx
            .selectFrom("request_user_agents")
            .select("id")
            .where("value", "=", value)
            .executeTakeFirstOrThrow();
          agent = Number(row.id);
          learned.set(`a${value}`, agent);
        }
        ids.agent[j] = agent;
      }
    }
    return ids;
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

  private placeholders(rows: number, columns: number): string {
    const groups: string[] = [];
    let n = 0;
    for (let row = 0; row < rows; row++) {
      const marks: string[] = [];
      for (let column = 0; column < columns; column++) {
        marks.push(this.kind === "postgres" ? `$${++n}` : "?");
      }
      groups.push(`(${marks.join(", ")})`);
    }
    return groups.join(", ");
  }

  private rawStatement(rows: number): string {
    let statement = this.rawStatements.get(rows);
    if (!statement) {
      statement = `insert into request_log (${RAW_COLUMNS.join(", ")}) values ${this.placeholders(rows, RAW_COLUMNS.length)}`;
      this.rawStatements.set(rows, statement);
    }
    return statement;
  }

  private upsertStatement(rows: number): string {
    let statement = this.upsertStatements.get(rows);
    if (!statement) {
      const add = ROLLUP_MEASURES.map((c) => `${c} = usage_rollups.${c} + excluded.${c}`);
      statement = `insert into usage_rollups (${ROLLUP_COLUMNS.join(", ")}) values ${this.placeholders(rows, ROLLUP_COLUMNS.length)} on conflict (${ROLLUP_KEY.join(", ")}) do update set ${add.join(", ")}`;
      this.upsertStatements.set(rows, statement);
    }
    return statement;
  }
}
