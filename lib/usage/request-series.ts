import { type Kysely, sql } from "kysely";
import type { Database, Environment } from "@/lib/db/schema";
import type { RollupGranularity } from "@/lib/db/schema-billing";
import { inTenant } from "@/lib/db/tenant";
import {
  addHistogram,
  emptyHistogram,
  HISTOGRAM_BUCKETS,
  HISTOGRAM_COLUMNS,
  type Histogram,
  histogramBucketSql,
  percentile,
} from "./histogram";
import { GRANULARITY_MS } from "./time-buckets";

export type RequestGroupBy = "key" | "route" | "status" | null;

/** Counts of one bucket (or a whole series), mergeable. */
export interface RequestAccumulator {
  requests: number;
  /** Index 0..3: 2xx, 3xx, 4xx, 5xx (1xx is counted with 2xx: the API never sends one). */
  byClass: [number, number, number, number];
  throttled: number;
  latencySumMs: number;
  bytesIn: number;
  bytesOut: number;
  histogram: Histogram;
}

export function emptyAccumulator(): RequestAccumulator {
  return {
    requests: 0,
    byClass: [0, 0, 0, 0],
    throttled: 0,
    latencySumMs: 0,
    bytesIn: 0,
    bytesOut: 0,
    histogram: emptyHistogram(),
  };
}

export function mergeInto(into: RequestAccumulator, other: RequestAccumulator): void {
  into.requests += other.requests;
  for (let i = 0; i < 4; i++) into.byClass[i]! += other.byClass[i]!;
  into.throttled += other.throttled;
  into.latencySumMs += other.latencySumMs;
  into.bytesIn += other.bytesIn;
  into.bytesOut += other.bytesOut;
  addHistogram(into.histogram, other.histogram);
}

export const classIndex = (statusClass: number) => Math.min(3, Math.max(0, statusClass - 2));
export const STATUS_CLASS_NAMES = ["2xx", "3xx", "4xx", "5xx"] as const;

export interface RequestSeriesQuery {
  projectId: string;
  environment: Environment;
  granularity: RollupGranularity;
  /** Aligned bucket starts, ISO. */
  from: string;
  to: string;
  groupBy: RequestGroupBy;
  keyId?: string;
  /** `METHOD /v1/path/:param` as the series labels it. */
  route?: string;
}

/** group -> bucket -> counts */
export type GroupedBuckets = Map<string, Map<string, RequestAccumulator>>;

interface RowShape {
  bucket: string;
  grp: string | number | null;
  status_class: number | string;
  requests: number | string;
  throttled: number | string;
  latency_sum_ms: number | string | null;
  bytes_in: number | string;
  bytes_out: number | string;
  [column: string]: unknown;
}

function groupExpression(groupBy: RequestGroupBy, keyColumn: string, classColumn: string): string {
  if (groupBy === "key") return keyColumn;
  if (groupBy === "route") return "method || ' ' || route";
  if (groupBy === "status") return classColumn;
  return "''";
}

function add(target: GroupedBuckets, row: RowShape, histogram: Histogram): void {
  const group = row.grp === null ? "" : String(row.grp);
  let buckets = target.get(group);
  if (!buckets) {
    buckets = new Map();
    target.set(group, buckets);
  }
  let acc = buckets.get(row.bucket);
  if (!acc) {
    acc = emptyAccumulator();
    buckets.set(row.bucket, acc);
  }
  const requests = Number(row.requests);
  acc.requests += requests;
  acc.byClass[classIndex(Number(row.status_class))]! += requests;
  acc.throttled += Number(row.throttled);
  acc.latencySumMs += Number(row.latency_sum_ms ?? 0);
  acc.bytesIn += Number(row.bytes_in);
  acc.bytesOut += Number(row.bytes_out);
  addHistogram(acc.histogram, histogram);
}

/**
 * Request counts per group and bucket over [from, to): the rollups up to the watermark plus the
 * raw rows after it, in ONE statement (a UNION ALL that reads the watermark itself), so a rollup
 * committing meanwhile cannot make it count a row twice or miss it, without a transaction. Minute
 * rows past the watermark exist (the usage writer adds to them with every raw row it writes) and
 * are left out here: the raw rows stand for them until the rollup passes.
 * Totals and status-class series read the small status table; key and route breakdowns (or a
 * key/route filter) read the detailed one.
 */
export async function requestBuckets(
  db: Kysely<Database>,
  query: RequestSeriesQuery,
): Promise<GroupedBuckets> {
  const grouped: GroupedBuckets = new Map();
  const detailed =
    query.groupBy === "key" ||
    query.groupBy === "route" ||
    query.keyId !== undefined ||
    query.route !== undefined;
  const table = detailed ? "usage_rollups" : "usage_status_rollups";
  const group = groupExpression(query.groupBy, "key_id", "status_class");
  const tailGroup = groupExpression(query.groupBy, "key_id", "status / 100");
  const sums = HISTOGRAM_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(", ");
  const zeros = HISTOGRAM_COLUMNS.map((c) => `0 as ${c}`).join(", ");
  const groupBy = group === "''" || group === "status_class" ? "" : `${group}, `;
  const step = GRANULARITY_MS[query.granularity];
  // The tail: raw rows from the watermark on (about a minute of traffic), bucketed the same way
  // (in integer milliseconds, turned into the bucket's ISO start below); its histogram comes as
  // one bucket index per row group (hb), the rollups' as columns.
  const result = await sql<RowShape & { hb: number | string | null; bucket_ms: unknown }>`
    select bucket, null as bucket_ms, ${sql.raw(group)} as grp, status_class,
      sum(requests) as requests, sum(throttled) as throttled,
      sum(latency_sum_ms) as latency_sum_ms, sum(bytes_in) as bytes_in,
      sum(bytes_out) as bytes_out, ${sql.raw(sums)}, null as hb
    from ${sql.table(table)}
    where ${inTenant(query)}
      and granularity = ${query.granularity} and bucket >= ${query.from} and bucket < ${query.to}
      and bucket < coalesce((select watermark from metering_state where name = 'requests'), '')
      ${filterSql(query, "key_id")}
    group by bucket, ${sql.raw(groupBy)}status_class
    union all
    select null as bucket, (request_log.ts / ${sql.lit(step)}) * ${sql.lit(step)} as bucket_ms,
      ${sql.raw(tailGroup)} as grp, status / 100 as status_class, count(*) as requests,
      sum(case when status = 429 then 1 else 0 end) as throttled,
      sum(latency_us) / 1000.0 as latency_sum_ms, sum(request_log.bytes_in) as bytes_in,
      sum(request_log.bytes_out) as bytes_out, ${sql.raw(zeros)},
      ${sql.raw(histogramBucketSql("(latency_us / 1000.0)"))} as hb
    from request_log join request_series on request_series.id = request_log.series_id
    where request_log.ts >= ${Date.parse(query.from)} and request_log.ts < ${Date.parse(query.to)}
      and request_log.ts >= coalesce((select watermark_ms from metering_state where name = 'requests'), 0)
      and ${inTenant(query, "request_series")}
      ${filterSql(query, "key_id")}
    group by 2, 3, 4, ${sql.raw(String(HISTOGRAM_COLUMNS.length + 10))}`.execute(db);
  for (const row of result.rows) {
    if (row.bucket === null) row.bucket = new Date(Number(row.bucket_ms)).toISOString();
    let histogram: Histogram;
    if (row.hb === null || row.hb === undefined) {
      histogram = HISTOGRAM_COLUMNS.map((c) => Number(row[c] ?? 0));
    } else {
      histogram = new Array<number>(HISTOGRAM_BUCKETS).fill(0);
      histogram[Number(row.hb)] = Number(row.requests);
    }
    add(grouped, row, histogram);
  }
  return grouped;
}

function filterSql(query: RequestSeriesQuery, keyColumn: string) {
  const parts = [];
  if (query.keyId !== undefined) parts.push(sql`and ${sql.raw(keyColumn)} = ${query.keyId}`);
  if (query.route !== undefined) parts.push(sql`and method || ' ' || route = ${query.route}`);
  return parts.length === 0 ? sql`` : sql.join(parts, sql` `);
}

export interface RequestFigures {
  requests: number;
  status: Record<(typeof STATUS_CLASS_NAMES)[number], number>;
  throttled: number;
  latency_ms: { p50: number | null; p95: number | null; avg: number | null };
  bytes_in: number;
  bytes_out: number;
}

export function figuresOf(acc: RequestAccumulator): RequestFigures {
  return {
    requests: acc.requests,
    status: {
      "2xx": acc.byClass[0],
      "3xx": acc.byClass[1],
      "4xx": acc.byClass[2],
      "5xx": acc.byClass[3],
    },
    throttled: acc.throttled,
    latency_ms: {
      p50: percentile(acc.histogram, 0.5),
      p95: percentile(acc.histogram, 0.95),
      avg: acc.requests > 0 ? Math.round((acc.latencySumMs / acc.requests) * 100) / 100 : null,
    },
    bytes_in: acc.bytesIn,
    bytes_out: acc.bytesOut,
  };
}
