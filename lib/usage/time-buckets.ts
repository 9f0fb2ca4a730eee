import type { RollupGranularity } from "@/lib/db/schema-billing";

/** Bucket arithmetic in UTC. Bucket keys are ISO strings, so text order is time order. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const GRANULARITY_MS: Record<RollupGranularity, number> = {
  minute: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
};

/** Length of the ISO prefix that identifies a bucket, and the suffix that completes it. */
const PREFIX: Record<RollupGranularity, { length: number; suffix: string }> = {
  minute: { length: 16, suffix: ":00.000Z" },
  hour: { length: 13, suffix: ":00:00.000Z" },
  day: { length: 10, suffix: "T00:00:00.000Z" },
};

export function floorTo(time: Date | number, granularity: RollupGranularity): Date {
  const ms = typeof time === "number" ? time : time.getTime();
  const step = GRANULARITY_MS[granularity];
  return new Date(Math.floor(ms / step) * step);
}

export function ceilTo(time: Date | number, granularity: RollupGranularity): Date {
  const ms = typeof time === "number" ? time : time.getTime();
  const step = GRANULARITY_MS[granularity];
  return new Date(Math.ceil(ms / step) * step);
}

/**
 * SQL that maps an ISO timestamp column (always `toISOString()` text) to its bucket's ISO start,
 * e.g. `substr(ts, 1, 13) || ':00:00.000Z'`; the same text on both stores.
 */
export function bucketSql(column: string, granularity: RollupGranularity): string {
  const { length, suffix } = PREFIX[granularity];
  return `(substr(${column}, 1, ${length}) || '${suffix}')`;
}

/** Every bucket start in [from, to), for zero-filled series. */
export function bucketStarts(from: Date, to: Date, granularity: RollupGranularity): string[] {
  const step = GRANULARITY_MS[granularity];
  const out: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += step) out.push(new Date(t).toISOString());
  return out;
}

/** A billing period: one UTC calendar month, [start, end). */
export interface MonthPeriod {
  /** `YYYY-MM` */
  key: string;
  start: Date;
  end: Date;
}

export function monthOf(time: Date): MonthPeriod {
  const start = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), 1));
  const end = new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth() + 1, 1));
  const key = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, "0")}`;
  return { key, start, end };
}

export function previousMonth(period: MonthPeriod): MonthPeriod {
  return monthOf(new Date(period.start.getTime() - 1));
}
