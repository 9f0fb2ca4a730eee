import type { RollupGranularity } from "@/lib/db/schema-billing";
import { AppError } from "@/lib/errors";
import { MINUTE_RETENTION_MS } from "./rollup-requests";
import { ceilTo, DAY_MS, floorTo, GRANULARITY_MS, HOUR_MS } from "./time-buckets";

/** How many buckets one answer may hold, per granularity. */
export const MAX_POINTS: Record<RollupGranularity, number> = {
  minute: 1_440,
  hour: 744,
  day: 400,
};

const DEFAULT_SPAN_MS: Record<RollupGranularity, number> = {
  minute: HOUR_MS,
  hour: DAY_MS,
  day: 30 * DAY_MS,
};

/** Minute buckets exist for the last 7 days (they are kept 8). */
const MINUTE_HISTORY_MS = Math.min(7 * DAY_MS, MINUTE_RETENTION_MS);

export interface UsageRange {
  granularity: RollupGranularity;
  from: Date;
  to: Date;
}

const bad = (field: string, message: string) =>
  new AppError("bad_request", message, { errors: [{ field, code: "out_of_range", message }] });

/** `2026-11-01` means midnight UTC; anything else carries its zone. */
export function parseTime(value: string): Date {
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
}

/**
 * Resolves from/to/granularity to whole UTC buckets, or a 400 naming the parameter at fault:
 * an empty or reversed range, too many points for the granularity, or minute buckets older than
 * they are kept. Never silently clamped.
 */
export function resolveUsageRange(
  input: { from?: string; to?: string; granularity?: RollupGranularity },
  now: Date,
  defaultGranularity: RollupGranularity = "hour",
): UsageRange {
  const granularity = input.granularity ?? defaultGranularity;
  const toRaw = input.to ? parseTime(input.to) : now;
  // Without `from`, exactly the default span of whole buckets ending with the one holding `to`.
  const fromRaw = input.from
    ? parseTime(input.from)
    : new Date(ceilTo(toRaw, granularity).getTime() - DEFAULT_SPAN_MS[granularity]);
  if (fromRaw.getTime() >= toRaw.getTime()) {
    throw bad("to", "to must be later than from");
  }
  const from = floorTo(fromRaw, granularity);
  const to = ceilTo(toRaw, granularity);
  const points = (to.getTime() - from.getTime()) / GRANULARITY_MS[granularity];
  const max = MAX_POINTS[granularity];
  if (points > max) {
    throw bad(
      "from",
      `from..to spans ${points} ${granularity} buckets; at most ${max} per request (narrow the range or use a coarser granularity)`,
    );
  }
  if (
    granularity === "minute" &&
    from.getTime() < floorTo(now.getTime() - MINUTE_HISTORY_MS, "minute").getTime()
  ) {
    throw bad("from", "minute buckets are kept for 7 days; use granularity=hour for older usage");
  }
  return { granularity, from, to };
}
