import { bucketOf, HISTOGRAM_BUCKETS, HISTOGRAM_COLUMNS } from "./histogram";

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
export const ROLLUP_KEY = [
  "project_id",
  "environment",
  "granularity",
  "bucket",
  "key_id",
  "method",
  "route",
  "status_class",
] as const;
export const ROLLUP_MEASURES = [
  "requests",
  "throttled",
  "latency_sum_ms",
  "bytes_in",
  "bytes_out",
  ...HISTOGRAM_COLUMNS,
] as const;
export const ROLLUP_COLUMNS = ["organization_id", ...ROLLUP_KEY, ...ROLLUP_MEASURES] as const;

export const NUMBERS_PER_RECORD = 6; // at, status, latency (us), bytes in, bytes out, replayed
// organization, project, environment, key, member, method, route, request id, path, ip, user
// agent, idempotency key, error code, error detail
export const TEXTS_PER_RECORD = 14;

/**
 * `toISOString()` of a millisecond time's minute, from a per-second cache (records arrive in time
 * order, so the cache nearly always hits).
 */
/** A batch's records as structured-clone data: what the usage sink worker receives. */
export interface UsageBatchData {
  size: number;
  numbers: Float64Array<ArrayBuffer>;
  texts: Array<string | null>;
}

export class MinuteClock {
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
export interface MinuteRow {
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
export interface Interned {
  scope: Int32Array;
  series: Int32Array;
  agent: Int32Array;
}

/**
 * Records in columns: numbers in a Float64Array, strings as references to strings the request
 * already had. A record object per request that lived until the next flush (a second) would
 * survive young-generation collections and be promoted, which costs far more than writing it.
 */
export class UsageBatch {
  size = 0;
  /** Records before this index are written. */
  start = 0;
  private numbers = new Float64Array(NUMBERS_PER_RECORD * 1024);
  texts: Array<string | null> = [];

  /** The records not yet written, as plain data another thread can take (see of()). */
  unwritten(): UsageBatchData {
    return {
      size: this.size - this.start,
      numbers: this.numbers.slice(this.start * NUMBERS_PER_RECORD, this.size * NUMBERS_PER_RECORD),
      texts: this.texts.slice(this.start * TEXTS_PER_RECORD, this.size * TEXTS_PER_RECORD),
    };
  }

  /** A batch holding `data`'s records, none written yet. */
  static of(data: UsageBatchData): UsageBatch {
    const batch = new UsageBatch();
    batch.numbers = data.numbers;
    batch.texts = data.texts;
    batch.size = data.size;
    return batch;
  }

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

export function minuteParameters(rows: MinuteRow[]): unknown[] {
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
