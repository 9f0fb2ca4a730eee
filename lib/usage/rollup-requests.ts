import { type Kysely, sql } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import type { RollupGranularity } from "@/lib/db/schema-billing";
import { HISTOGRAM_COLUMNS, histogramBucketSql } from "./histogram";
import { type MeterRunResult, meterFromWatermark } from "./metering-state";
import { bucketSql, ceilTo, DAY_MS, floorTo } from "./time-buckets";

/**
 * Raw rows younger than this may still sit in a writer's batch on some instance (writers flush
 * at least every second); the rollup stops short of them, and reads take that recent tail from
 * the raw table instead, so nothing is lost in freshness.
 */
export const REQUEST_SETTLE_MS = 60_000;
/**
 * Minutes before the watermark each run redoes (status, hour and day rows from minute rows: a few
 * rows, no raw rows), so that a writer's transaction arriving later than the settle time (a store
 * outage, a retried batch) still reaches the hour and day rows.
 */
export const REQUEST_RECHECK_MS = 5 * 60_000;
/** Minute rollups are kept this long (minute series cover at most 24 hours of the last week). */
export const MINUTE_RETENTION_MS = 8 * DAY_MS;
/** A backfill works in slices of a day, one transaction each. */
const SLICE_MS = DAY_MS;

const MEASURES = ["requests", "throttled", "latency_sum_ms", "bytes_in", "bytes_out"] as const;
const HIST = HISTOGRAM_COLUMNS.join(", ");
const SUM_MEASURES = [...MEASURES, ...HISTOGRAM_COLUMNS].map((c) => `sum(${c})`).join(", ");
const DIMENSIONS = "organization_id, project_id, environment, key_id, method, route, status_class";
const STATUS_DIMENSIONS = "organization_id, project_id, environment, status_class";
const ALL_MEASURES = `${MEASURES.join(", ")}, ${HIST}`;

/** The ISO start of a minute given in epoch milliseconds (an integer expression), per store. */
function minuteIsoSql(kind: StoreKind, ms: string): string {
  return kind === "postgres"
    ? `to_char(to_timestamp(${ms} / 1000) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:00.000"Z"')`
    : `strftime('%Y-%m-%dT%H:%M:00.000Z', ${ms} / 1000, 'unixepoch')`;
}

/**
 * Minute rows straight from raw requests (one pass, the histogram pivoted from a grouped count):
 * only for raw rows written around the usage writer (bulk imports, backfills).
 */
function minutesFromRawRows(kind: StoreKind, from: Date, to: Date) {
  const pivot = HISTOGRAM_COLUMNS.map((_, i) => `sum(case when hb = ${i} then n else 0 end)`).join(
    ", ",
  );
  return sql`
    insert into usage_rollups (granularity, bucket, ${sql.raw(DIMENSIONS)}, ${sql.raw(ALL_MEASURES)})
    select 'minute', ${sql.raw(minuteIsoSql(kind, "m"))}, organization_id, project_id, environment,
      key_id, method, route, sc, sum(n), sum(t), sum(ls), sum(bi), sum(bo), ${sql.raw(pivot)}
    from (
      select (request_log.ts / 60000) * 60000 as m, organization_id, project_id, environment,
        key_id, method, route, status / 100 as sc,
        ${sql.raw(histogramBucketSql("(latency_us / 1000.0)"))} as hb,
        count(*) as n, sum(case when status = 429 then 1 else 0 end) as t,
        sum(latency_us) / 1000.0 as ls, sum(request_log.bytes_in) as bi,
        sum(request_log.bytes_out) as bo
      from request_log join request_series on request_series.id = request_log.series_id
      where request_log.ts >= ${from.getTime()} and request_log.ts < ${to.getTime()}
      group by 1, 2, 3, 4, 5, 6, 7, 8, 9
    ) x
    group by m, organization_id, project_id, environment, key_id, method, route, sc`;
}

/**
 * Coarser rows from finer ones of the same table (minute -> hour -> day), for the coarser buckets
 * starting in [from, to), from the finer rows before `finerTo` only: minute rows past the
 * watermark already exist (writers add to them as they write raw rows) and are not rolled up yet.
 */
function coarserFromFiner(
  table: "usage_rollups" | "usage_status_rollups",
  finer: RollupGranularity,
  coarser: RollupGranularity,
  from: string,
  to: string,
  finerTo: string,
) {
  const dimensions = table === "usage_rollups" ? DIMENSIONS : STATUS_DIMENSIONS;
  const count = dimensions.split(",").length;
  const groupBy = Array.from({ length: count + 1 }, (_, i) => i + 2).join(", ");
  const end = finerTo < to ? finerTo : to;
  return sql`
    insert into ${sql.table(table)} (granularity, bucket, ${sql.raw(dimensions)}, ${sql.raw(ALL_MEASURES)})
    select ${coarser}, ${sql.raw(bucketSql("bucket", coarser))}, ${sql.raw(dimensions)}, ${sql.raw(SUM_MEASURES)}
    from ${sql.table(table)}
    where granularity = ${finer} and bucket >= ${from} and bucket < ${end}
    group by ${sql.raw(groupBy)}`;
}

/** Status-class rows from the detailed rows of the same granularity. */
function statusFromDetail(granularity: RollupGranularity, from: string, to: string) {
  return sql`
    insert into usage_status_rollups (granularity, bucket, ${sql.raw(STATUS_DIMENSIONS)}, ${sql.raw(ALL_MEASURES)})
    select granularity, bucket, ${sql.raw(STATUS_DIMENSIONS)}, ${sql.raw(SUM_MEASURES)}
    from usage_rollups
    where granularity = ${granularity} and bucket >= ${from} and bucket < ${to}
    group by granularity, bucket, ${sql.raw(STATUS_DIMENSIONS)}`;
}

async function clearRange(
  trx: Kysely<Database>,
  table: "usage_rollups" | "usage_status_rollups",
  granularity: RollupGranularity,
  from: string,
  to: string,
): Promise<void> {
  await trx
    .deleteFrom(table)
    .where("granularity", "=", granularity)
    .where("bucket", ">=", from)
    .where("bucket", "<", to)
    .execute();
}

/**
 * Recomputes every rollup bucket that [from, to) touches: status-class minutes from the detailed
 * minutes (which the usage writer keeps, see usage-writer.ts; or, with `minutesFromRaw`, rebuilt
 * here from raw rows first), then hours from minutes and days from hours. Each bucket is rebuilt
 * from scratch (delete, then insert from the finer level), never incremented, so running a slice
 * twice gives the same rows: re-runs, a rewound watermark and overlapping runners cannot
 * double-count.
 */
async function rollupSlice(
  trx: Kysely<Database>,
  kind: StoreKind,
  from: Date,
  to: Date,
  minutesFromRaw: boolean,
): Promise<void> {
  const a = from.toISOString();
  const b = to.toISOString();
  if (minutesFromRaw) {
    await clearRange(trx, "usage_rollups", "minute", a, b);
    await minutesFromRawRows(kind, from, to).execute(trx);
  }
  await clearRange(trx, "usage_status_rollups", "minute", a, b);
  await statusFromDetail("minute", a, b).execute(trx);

  const levels: Array<[RollupGranularity, RollupGranularity]> = [
    ["minute", "hour"],
    ["hour", "day"],
  ];
  for (const [finer, coarser] of levels) {
    const start = floorTo(from, coarser).toISOString();
    const end = ceilTo(to, coarser).toISOString();
    await clearRange(trx, "usage_rollups", coarser, start, end);
    await clearRange(trx, "usage_status_rollups", coarser, start, end);
    await coarserFromFiner("usage_rollups", finer, coarser, start, end, b).execute(trx);
    await coarserFromFiner("usage_status_rollups", finer, coarser, start, end, b).execute(trx);
  }
}

/**
 * Rolls raw request records up to minute, hour and day buckets, from the stored watermark to
 * (now - settle time), in slices of a day (see meterFromWatermark: safe with several instances).
 */
export async function rollupRequestUsage(
  db: Kysely<Database>,
  kind: StoreKind,
  now: Date,
  options: {
    settleMs?: number;
    sliceMs?: number;
    /**
     * Rebuild the minute rows from raw rows too (~3 us a raw row on SQLite): for raw rows that
     * were written around the usage writer (a bulk import or backfill), with no writer adding to
     * the same minutes meanwhile. The writer's own rows are already in the minute rows.
     */
    minutesFromRaw?: boolean;
  } = {},
): Promise<MeterRunResult> {
  const minutesFromRaw = options.minutesFromRaw ?? false;
  return meterFromWatermark(db, kind, now, {
    name: "requests",
    target: floorTo(now.getTime() - (options.settleMs ?? REQUEST_SETTLE_MS), "minute"),
    recheckMs: REQUEST_RECHECK_MS,
    sliceMs: options.sliceMs ?? SLICE_MS,
    async firstStart(trx) {
      const oldest = await trx
        .selectFrom("request_log")
        .select((eb) => eb.fn.min("ts").as("ts"))
        .executeTakeFirst();
      return oldest?.ts ? floorTo(Number(oldest.ts), "minute") : null;
    },
    async meterSlice(trx, from, to) {
      await rollupSlice(trx, kind, from, to, minutesFromRaw);
      await pruneMinutes(trx, to);
    },
  });
}

async function pruneMinutes(trx: Kysely<Database>, upTo: Date): Promise<void> {
  const before = floorTo(upTo.getTime() - MINUTE_RETENTION_MS, "hour").toISOString();
  for (const table of ["usage_rollups", "usage_status_rollups"] as const) {
    await trx
      .deleteFrom(table)
      .where("granularity", "=", "minute")
      .where("bucket", "<", before)
      .execute();
  }
}
