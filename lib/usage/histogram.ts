import type { HistogramColumn } from "@/lib/db/schema-billing";

/**
 * A fixed log-scale latency histogram: the same bucket edges everywhere, so histograms of any
 * minutes, hours, days, keys or routes merge by adding counts (SUM per column in SQL).
 *
 * Bucket 0 holds [0, 0.5 ms); bucket i (1..34) holds [0.5·√2^(i-1), 0.5·√2^i) ms; bucket 35
 * holds everything from 65.536 s up. Each bucket is √2 wide, so a percentile read from it (with
 * geometric interpolation inside the bucket) is within about ±19% of the true value: plenty for
 * p50/p95 charts, at 36 integers per rollup row.
 */
export const HISTOGRAM_BUCKETS = 36;
const BASE_MS = 0.5;
const RATIO = Math.SQRT2;

/** Column names h00..h35 in the rollup tables. */
export const HISTOGRAM_COLUMNS: readonly HistogramColumn[] = Array.from(
  { length: HISTOGRAM_BUCKETS },
  (_, i) => `h${String(i).padStart(2, "0")}` as HistogramColumn,
);

/** Lower edge of a bucket in milliseconds. */
export function bucketLowerMs(index: number): number {
  return index === 0 ? 0 : BASE_MS * RATIO ** (index - 1);
}

/** Upper edge of a bucket in milliseconds (Infinity for the last). */
export function bucketUpperMs(index: number): number {
  return index >= HISTOGRAM_BUCKETS - 1 ? Number.POSITIVE_INFINITY : BASE_MS * RATIO ** index;
}

/** The bucket of one latency; mirrors histogramBucketSql exactly. */
export function bucketOf(latencyMs: number): number {
  if (!(latencyMs >= BASE_MS)) return 0;
  const index = Math.floor((2 * Math.log(latencyMs / BASE_MS)) / Math.LN2) + 1;
  return Math.min(index, HISTOGRAM_BUCKETS - 1);
}

/**
 * The same function in SQL for both stores (both have ln() and floor(); ln(0) is an error on
 * PostgreSQL, hence the guard). `column` must be a trusted column reference.
 */
export function histogramBucketSql(column: string): string {
  const last = HISTOGRAM_BUCKETS - 1;
  return `(case when ${column} < ${BASE_MS} then 0 when ${column} >= ${bucketLowerMs(last)} then ${last} else cast(floor(2 * ln(${column} / ${BASE_MS}) / ln(2)) as integer) + 1 end)`;
}

export type Histogram = number[];

export function emptyHistogram(): Histogram {
  return new Array<number>(HISTOGRAM_BUCKETS).fill(0);
}

export function addHistogram(into: Histogram, other: ArrayLike<number>): void {
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) into[i] = (into[i] ?? 0) + Number(other[i] ?? 0);
}

/** Reads h00..h35 of a row into an array. */
export function histogramOf(
  row: Partial<Record<HistogramColumn, number | string | null>>,
): Histogram {
  return HISTOGRAM_COLUMNS.map((column) => Number(row[column] ?? 0));
}

/**
 * The q-quantile (0..1) in milliseconds, or null for an empty histogram. Inside its bucket the
 * value is interpolated geometrically (linearly in bucket 0, the lower edge in the last).
 */
export function percentile(histogram: ArrayLike<number>, q: number): number | null {
  let total = 0;
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) total += Number(histogram[i] ?? 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
    const count = Number(histogram[i] ?? 0);
    if (count === 0) continue;
    if (seen + count >= rank) {
      const fraction = (rank - seen) / count;
      const lower = bucketLowerMs(i);
      const upper = bucketUpperMs(i);
      let value: number;
      if (i === 0) value = upper * fraction;
      else if (!Number.isFinite(upper)) value = lower;
      else value = lower * (upper / lower) ** fraction;
      return Math.round(value * 100) / 100;
    }
    seen += count;
  }
  return bucketLowerMs(HISTOGRAM_BUCKETS - 1);
}
