import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import type {
  RequestPointDto,
  ResourcePointDto,
  UsageDto,
  UsageQuery,
  UsageSeriesDto,
} from "@/lib/schemas/usage";
import { readWatermark } from "./metering-state";
import {
  emptyAccumulator,
  figuresOf,
  type GroupedBuckets,
  mergeInto,
  type RequestAccumulator,
  type RequestGroupBy,
  requestBuckets,
  STATUS_CLASS_NAMES,
} from "./request-series";
import { type ResourceBuckets, type ResourceGroupBy, resourceBuckets } from "./resource-series";
import { bucketStarts } from "./time-buckets";
import { resolveUsageRange } from "./usage-range";

/** Series beyond this many (by requests) are merged into one "other" series. */
export const MAX_SERIES = 20;
export const PORTAL_GROUP = "portal";
export const PORTAL_LABEL = "Dashboard (members)";

const bad = (field: string, message: string) =>
  new AppError("bad_request", message, { errors: [{ field, code: "invalid", message }] });

/**
 * Reads rollups and the raw tail in one snapshot (one transaction; repeatable read on
 * PostgreSQL): a rollup committing between two of the reads would otherwise count rows twice.
 */
export function inUsageSnapshot<T>(
  db: Kysely<Database>,
  read: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.transaction().setIsolationLevel("repeatable read").execute(read);
}

async function keyNames(
  db: Kysely<Database>,
  ctx: DomainContext,
  ids: string[],
): Promise<Map<string, string>> {
  const real = ids.filter((id) => id !== "");
  if (real.length === 0) return new Map();
  const rows = await db
    .selectFrom("api_keys")
    .select(["id", "name", "prefix", "last4"])
    .where(inTenant(ctx.principal))
    .where("id", "in", real)
    .execute();
  return new Map(rows.map((r) => [r.id, `${r.name} (${r.prefix}…${r.last4})`]));
}

const round = (value: number, digits = 4) => Math.round(value * 10 ** digits) / 10 ** digits;

function requestSeries(
  grouped: GroupedBuckets,
  groupBy: RequestGroupBy,
  buckets: string[],
  names: Map<string, string>,
): { series: UsageSeriesDto[]; total: RequestAccumulator } {
  const total = emptyAccumulator();
  const entries = [...grouped.entries()].map(([group, byBucket]) => {
    const sum = emptyAccumulator();
    for (const acc of byBucket.values()) mergeInto(sum, acc);
    mergeInto(total, sum);
    return { group, byBucket, sum };
  });
  if (groupBy === "status") {
    entries.sort((a, b) => Number(a.group) - Number(b.group));
  } else {
    entries.sort((a, b) => b.sum.requests - a.sum.requests || a.group.localeCompare(b.group));
  }
  if (entries.length > MAX_SERIES) {
    const rest = entries.splice(MAX_SERIES - 1);
    const other = {
      group: "other",
      byBucket: new Map<string, RequestAccumulator>(),
      sum: emptyAccumulator(),
    };
    for (const entry of rest) {
      mergeInto(other.sum, entry.sum);
      for (const [bucket, acc] of entry.byBucket) {
        const into = other.byBucket.get(bucket) ?? emptyAccumulator();
        mergeInto(into, acc);
        other.byBucket.set(bucket, into);
      }
    }
    entries.push(other);
  }
  if (groupBy === null && entries.length === 0) {
    entries.push({ group: "", byBucket: new Map(), sum: emptyAccumulator() });
  }
  const series = entries.map(({ group, byBucket, sum }) => {
    const points: RequestPointDto[] = buckets.map((timestamp) => ({
      timestamp,
      ...figuresOf(byBucket.get(timestamp) ?? emptyAccumulator()),
    }));
    return {
      group: groupBy === null ? null : groupValue(groupBy, group),
      label: labelOf(groupBy, group, names),
      totals: figuresOf(sum),
      points,
    };
  });
  return { series, total };
}

function groupValue(groupBy: RequestGroupBy, group: string): string {
  if (groupBy === "status") return STATUS_CLASS_NAMES[Math.min(3, Math.max(0, Number(group) - 2))]!;
  if (groupBy === "key" && group === "") return PORTAL_GROUP;
  return group;
}

function labelOf(groupBy: RequestGroupBy, group: string, names: Map<string, string>): string {
  if (groupBy === null) return "All requests";
  if (group === "other") return "Other";
  if (groupBy === "status") return groupValue(groupBy, group);
  if (groupBy === "key") return group === "" ? PORTAL_LABEL : (names.get(group) ?? group);
  return group;
}

function resourceSeries(
  grouped: ResourceBuckets,
  groupBy: ResourceGroupBy,
  buckets: string[],
): { series: UsageSeriesDto[]; seconds: number; gbSeconds: number } {
  let seconds = 0;
  let gbSeconds = 0;
  const entries = [...grouped.entries()].map(([group, byBucket]) => {
    let s = 0;
    let g = 0;
    for (const acc of byBucket.values()) {
      s += acc.seconds;
      g += acc.gbSeconds;
    }
    seconds += s;
    gbSeconds += g;
    return { group, byBucket, s, g };
  });
  entries.sort((a, b) => b.s - a.s || a.group.localeCompare(b.group));
  if (groupBy === null && entries.length === 0) {
    entries.push({ group: "", byBucket: new Map(), s: 0, g: 0 });
  }
  const series = entries.map(({ group, byBucket, s, g }) => {
    const points: ResourcePointDto[] = buckets.map((timestamp) => {
      const acc = byBucket.get(timestamp);
      return {
        timestamp,
        resource_hours: round((acc?.seconds ?? 0) / 3600),
        storage_gb_hours: round((acc?.gbSeconds ?? 0) / 3600),
      };
    });
    return {
      group: groupBy === null ? null : group,
      label: groupBy === null ? "All resources" : group,
      totals: { resource_hours: round(s / 3600), storage_gb_hours: round(g / 3600) },
      points,
    };
  });
  return { series, seconds, gbSeconds };
}

/**
 * GET /v1/usage: requests (or resource hours) of the caller's project and environment, zero-filled
 * per bucket, optionally split into series and filtered to one key or route.
 */
export async function getUsage(ctx: DomainContext, input: UsageQuery): Promise<UsageDto> {
  requireScope(ctx.principal, "usage:read");
  const groupBy = input.group_by ?? null;
  const resourceGroup = groupBy === "region" || groupBy === "type";
  const metric = input.metric ?? (resourceGroup ? "resource_hours" : "requests");
  if (metric === "requests" && resourceGroup) {
    throw bad("group_by", `group_by=${groupBy} applies to metric=resource_hours`);
  }
  if (metric === "resource_hours") {
    if (groupBy !== null && !resourceGroup) {
      throw bad("group_by", `group_by=${groupBy} applies to metric=requests`);
    }
    if (input.granularity === "minute") {
      throw bad("granularity", "resource hours are metered per hour; use hour or day");
    }
    if (input.key_id !== undefined || input.route !== undefined) {
      throw bad(
        input.key_id !== undefined ? "key_id" : "route",
        "filters apply to metric=requests",
      );
    }
  }
  const range = resolveUsageRange(input, ctx.now);
  const buckets = bucketStarts(range.from, range.to, range.granularity);
  const base = {
    object: "usage" as const,
    metric,
    granularity: range.granularity,
    group_by: groupBy,
    environment: ctx.principal.environment,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
  };

  if (metric === "resource_hours") {
    const { grouped, watermark } = await inUsageSnapshot(ctx.db, async (trx) => {
      const watermark = await readWatermark(trx, "resources");
      const grouped = await resourceBuckets(trx, {
        projectId: ctx.principal.projectId,
        environment: ctx.principal.environment,
        granularity: range.granularity as "hour" | "day",
        from: base.from,
        to: base.to,
        groupBy: groupBy as ResourceGroupBy,
        watermark,
        now: ctx.now,
      });
      return { grouped, watermark };
    });
    const { series, seconds, gbSeconds } = resourceSeries(
      grouped,
      groupBy as ResourceGroupBy,
      buckets,
    );
    return {
      ...base,
      series,
      totals: { resource_hours: round(seconds / 3600), storage_gb_hours: round(gbSeconds / 3600) },
      data_through: watermark ?? base.from,
    };
  }

  const requestGroup = groupBy as RequestGroupBy;
  const grouped = await requestBuckets(ctx.db, {
    projectId: ctx.principal.projectId,
    environment: ctx.principal.environment,
    granularity: range.granularity,
    from: base.from,
    to: base.to,
    groupBy: requestGroup,
    keyId: input.key_id === undefined ? undefined : input.key_id === "portal" ? "" : input.key_id,
    route: input.route,
  });
  const watermark = await readWatermark(ctx.db, "requests");
  const names =
    requestGroup === "key"
      ? await keyNames(ctx.db, ctx, [...grouped.keys()])
      : new Map<string, string>();
  const { series, total } = requestSeries(grouped, requestGroup, buckets, names);
  return { ...base, series, totals: figuresOf(total), data_through: watermark ?? base.from };
}
