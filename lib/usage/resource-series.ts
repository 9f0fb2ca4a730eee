import type { Kysely } from "kysely";
import type { Database, Environment } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { hourlyUsage, resourceSegments } from "./meter-resources";
import { floorTo } from "./time-buckets";

export type ResourceGroupBy = "region" | "type" | null;

export interface ResourceAccumulator {
  seconds: number;
  gbSeconds: number;
}

/** group -> bucket -> seconds */
export type ResourceBuckets = Map<string, Map<string, ResourceAccumulator>>;

export interface ResourceSeriesQuery {
  projectId: string;
  environment: Environment;
  granularity: "hour" | "day";
  from: string;
  to: string;
  groupBy: ResourceGroupBy;
  watermark: string | null;
  now: Date;
}

function addTo(
  target: ResourceBuckets,
  group: string,
  bucket: string,
  seconds: number,
  gbSeconds: number,
): void {
  let buckets = target.get(group);
  if (!buckets) {
    buckets = new Map();
    target.set(group, buckets);
  }
  const acc = buckets.get(bucket);
  if (acc) {
    acc.seconds += seconds;
    acc.gbSeconds += gbSeconds;
  } else buckets.set(bucket, { seconds, gbSeconds });
}

const groupOf = (groupBy: ResourceGroupBy, row: { region: string; type: string }) =>
  groupBy === "region" ? row.region : groupBy === "type" ? row.type : "";

/**
 * Resource time per group and bucket: metered hours up to the watermark, and the time since
 * (to now, not beyond) computed from the resources' lifecycle the same way.
 */
export async function resourceBuckets(
  db: Kysely<Database>,
  query: ResourceSeriesQuery,
): Promise<ResourceBuckets> {
  const out: ResourceBuckets = new Map();
  const rows = await db
    .selectFrom("resource_usage_rollups")
    .select(["bucket", "region", "resource_type", "resource_seconds", "gb_seconds"])
    .where(inTenant(query))
    .where("granularity", "=", query.granularity)
    .where("bucket", ">=", query.from)
    .where("bucket", "<", query.to)
    .execute();
  for (const row of rows) {
    addTo(
      out,
      groupOf(query.groupBy, { region: row.region, type: row.resource_type }),
      row.bucket,
      Number(row.resource_seconds),
      Number(row.gb_seconds),
    );
  }
  const liveFrom = new Date(
    Math.max(
      new Date(query.from).getTime(),
      query.watermark ? new Date(query.watermark).getTime() : 0,
    ),
  );
  const liveTo = new Date(Math.min(new Date(query.to).getTime(), query.now.getTime()));
  if (liveFrom < liveTo) {
    const segments = await resourceSegments(db, liveFrom, liveTo, {
      projectId: query.projectId,
      environment: query.environment,
    });
    for (const [hour, shapes] of hourlyUsage(segments, liveFrom, liveTo)) {
      const bucket = floorTo(new Date(hour), query.granularity).toISOString();
      for (const amount of shapes.values()) {
        addTo(out, groupOf(query.groupBy, amount), bucket, amount.seconds, amount.gbSeconds);
      }
    }
  }
  return out;
}
