import { type Kysely, sql } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import { fromJson } from "@/lib/db/json";
import type { Database, Environment } from "@/lib/db/schema";
import { type MeterRunResult, meterFromWatermark } from "./metering-state";
import { bucketSql, ceilTo, DAY_MS, floorTo, HOUR_MS } from "./time-buckets";

/** Each run also redoes the hour before the watermark (replace, never add: safe to repeat). */
const RESOURCE_RECHECK_MS = HOUR_MS;
const SLICE_MS = 31 * DAY_MS;

/** A stretch of time one resource was billable with one shape. Times in whole Unix seconds. */
export interface ResourceSegment {
  organizationId: string;
  projectId: string;
  environment: Environment;
  type: string;
  /** Instance size slug, '' otherwise. */
  size: string;
  region: string;
  sizeGb: number;
  start: number;
  /** null while it still exists. */
  end: number | null;
}

/** Per (project, environment, type, size, region): seconds alive and GB-seconds. */
export interface ResourceUsageKey {
  organizationId: string;
  projectId: string;
  environment: Environment;
  type: string;
  size: string;
  region: string;
}

export interface ResourceUsageAmount extends ResourceUsageKey {
  seconds: number;
  gbSeconds: number;
}

const toSeconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

interface Shape {
  size: string;
  sizeGb: number;
}

function shapeOf(type: string, specText: unknown): Shape {
  const spec =
    typeof specText === "string"
      ? fromJson<{ size?: unknown; size_gb?: unknown }>(specText, {})
      : ((specText ?? {}) as { size?: unknown; size_gb?: unknown });
  return {
    size: type === "instance" && typeof spec.size === "string" ? spec.size : "",
    sizeGb: typeof spec.size_gb === "number" ? spec.size_gb : 0,
  };
}

/** Events whose data (the resource as it then was) can carry a new size. */
const SHAPE_EVENTS = ["resource.created", "instance.resized", "resource.updated"];

/** Each resized resource's shapes over time: [unix seconds, shape], oldest first. */
async function shapeHistory(
  db: Kysely<Database>,
  ids: string[],
  before: Date,
): Promise<Map<string, Array<[number, Shape]>>> {
  const history = new Map<string, Array<[number, Shape]>>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom("events")
      .select(["object_id", "data", "created_at"])
      .where("object_id", "in", ids.slice(i, i + 500))
      .where("type", "in", SHAPE_EVENTS)
      .where("created_at", "<", before.toISOString())
      .orderBy("created_at")
      .orderBy("id")
      .execute();
    for (const row of rows) {
      if (!row.object_id) continue;
      const data = fromJson<{ type?: string; spec?: unknown }>(row.data, {});
      if (!data.type || data.spec === undefined) continue;
      const list = history.get(row.object_id) ?? [];
      list.push([toSeconds(row.created_at), shapeOf(data.type, data.spec)]);
      history.set(row.object_id, list);
    }
  }
  return history;
}

/**
 * Billable stretches overlapping [from, to): from `active_at` (provisioning finished) to
 * `deleted_at` (DELETE accepted), with the resource's type, size and region. A resize (instance
 * size, volume GB) starts a new stretch at the second of its event; the size before the first
 * resize comes from the creation event. Failed resources never became active and cost nothing.
 */
export async function resourceSegments(
  db: Kysely<Database>,
  from: Date,
  to: Date,
  scope: { organizationId?: string; projectId?: string; environment?: Environment } = {},
): Promise<ResourceSegment[]> {
  const rows = await db
    .selectFrom("resources")
    .select([
      "id",
      "organization_id",
      "project_id",
      "environment",
      "type",
      "region",
      "spec",
      "active_at",
      "deleted_at",
    ])
    .where("active_at", "is not", null)
    .where("active_at", "<", to.toISOString())
    .where((eb) => eb.or([eb("deleted_at", "is", null), eb("deleted_at", ">", from.toISOString())]))
    .$if(scope.organizationId !== undefined, (q) =>
      q.where("organization_id", "=", scope.organizationId!),
    )
    .$if(scope.projectId !== undefined, (q) => q.where("project_id", "=", scope.projectId!))
    .$if(scope.environment !== undefined, (q) => q.where("environment", "=", scope.environment!))
    .execute();
  const sized = rows.filter((r) => r.type === "instance" || r.type === "volume").map((r) => r.id);
  const history = sized.length > 0 ? await shapeHistory(db, sized, to) : new Map();
  const segments: ResourceSegment[] = [];
  for (const row of rows) {
    const base = {
      organizationId: row.organization_id,
      projectId: row.project_id,
      environment: row.environment,
      type: row.type,
      region: row.region,
    };
    const start = toSeconds(row.active_at!);
    const end = row.deleted_at ? toSeconds(row.deleted_at) : null;
    const changes: Array<[number, Shape]> = history.get(row.id) ?? [];
    let shape = changes[0]?.[1] ?? shapeOf(row.type, row.spec);
    let cursor = start;
    for (const [at, next] of changes) {
      if (at <= cursor) {
        shape = next;
        continue;
      }
      if (end !== null && at >= end) break;
      if (next.size === shape.size && next.sizeGb === shape.sizeGb) continue;
      segments.push({ ...base, ...shape, start: cursor, end: at });
      cursor = at;
      shape = next;
    }
    segments.push({ ...base, ...shape, start: cursor, end });
  }
  return segments;
}

const keyOf = (s: ResourceUsageKey) =>
  `${s.projectId}\u0000${s.environment}\u0000${s.type}\u0000${s.size}\u0000${s.region}`;

/** Adds a segment's seconds (and GB-seconds) to its shape's amount. */
function addSeconds(
  amounts: Map<string, ResourceUsageAmount>,
  segment: ResourceSegment,
  seconds: number,
): void {
  const key = keyOf(segment);
  const amount = amounts.get(key);
  if (amount) {
    amount.seconds += seconds;
    amount.gbSeconds += seconds * segment.sizeGb;
    return;
  }
  amounts.set(key, {
    organizationId: segment.organizationId,
    projectId: segment.projectId,
    environment: segment.environment,
    type: segment.type,
    size: segment.size,
    region: segment.region,
    seconds,
    gbSeconds: seconds * segment.sizeGb,
  });
}

/**
 * Seconds per hour bucket and shape within [from, to) (whole seconds; `from` and `to` on hour
 * boundaries, so a resource alive across midnight or a month's end is split exactly there).
 */
export function hourlyUsage(
  segments: readonly ResourceSegment[],
  from: Date,
  to: Date,
): Map<string, Map<string, ResourceUsageAmount>> {
  const byHour = new Map<string, Map<string, ResourceUsageAmount>>();
  const fromS = from.getTime() / 1000;
  const toS = to.getTime() / 1000;
  const hourS = HOUR_MS / 1000;
  for (const segment of segments) {
    const start = Math.max(segment.start, fromS);
    const end = Math.min(segment.end ?? toS, toS);
    if (end <= start) continue;
    for (let hour = Math.floor(start / hourS) * hourS; hour < end; hour += hourS) {
      const seconds = Math.min(end, hour + hourS) - Math.max(start, hour);
      if (seconds <= 0) continue;
      const bucket = new Date(hour * 1000).toISOString();
      let shapes = byHour.get(bucket);
      if (!shapes) {
        shapes = new Map();
        byHour.set(bucket, shapes);
      }
      addSeconds(shapes, segment, seconds);
    }
  }
  return byHour;
}

/** Sums within [from, to) per shape, for live figures past the watermark (no rows written). */
export function totalUsage(
  segments: readonly ResourceSegment[],
  from: Date,
  to: Date,
): ResourceUsageAmount[] {
  const totals = new Map<string, ResourceUsageAmount>();
  const fromS = from.getTime() / 1000;
  const toS = to.getTime() / 1000;
  for (const segment of segments) {
    const seconds = Math.min(segment.end ?? toS, toS) - Math.max(segment.start, fromS);
    if (seconds <= 0) continue;
    addSeconds(totals, segment, seconds);
  }
  return [...totals.values()];
}

async function meterSlice(trx: Kysely<Database>, from: Date, to: Date): Promise<void> {
  const a = from.toISOString();
  const b = to.toISOString();
  await trx
    .deleteFrom("resource_usage_rollups")
    .where("granularity", "=", "hour")
    .where("bucket", ">=", a)
    .where("bucket", "<", b)
    .execute();
  const segments = await resourceSegments(trx, from, to);
  const rows = [];
  for (const [bucket, shapes] of hourlyUsage(segments, from, to)) {
    for (const amount of shapes.values()) {
      rows.push({
        granularity: "hour" as const,
        bucket,
        organization_id: amount.organizationId,
        project_id: amount.projectId,
        environment: amount.environment,
        resource_type: amount.type,
        size: amount.size,
        region: amount.region,
        resource_seconds: amount.seconds,
        gb_seconds: amount.gbSeconds,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto("resource_usage_rollups")
      .values(rows.slice(i, i + 500))
      .execute();
  }
  const dayStart = floorTo(from, "day").toISOString();
  const dayEnd = ceilTo(to, "day").toISOString();
  await trx
    .deleteFrom("resource_usage_rollups")
    .where("granularity", "=", "day")
    .where("bucket", ">=", dayStart)
    .where("bucket", "<", dayEnd)
    .execute();
  await sql`
    insert into resource_usage_rollups (granularity, bucket, organization_id, project_id,
      environment, resource_type, size, region, resource_seconds, gb_seconds)
    select 'day', ${sql.raw(bucketSql("bucket", "day"))}, organization_id, project_id, environment,
      resource_type, size, region, sum(resource_seconds), sum(gb_seconds)
    from resource_usage_rollups
    where granularity = 'hour' and bucket >= ${dayStart} and bucket < ${dayEnd}
    group by 2, 3, 4, 5, 6, 7, 8`.execute(trx);
}

/**
 * Meters resource time per hour and day up to the last whole hour, from the stored watermark,
 * replacing the buckets it covers; locking as the request rollup does.
 */
export async function meterResourceUsage(
  db: Kysely<Database>,
  kind: StoreKind,
  now: Date,
): Promise<MeterRunResult> {
  return meterFromWatermark(db, kind, now, {
    name: "resources",
    target: floorTo(now, "hour"),
    recheckMs: RESOURCE_RECHECK_MS,
    sliceMs: SLICE_MS,
    async firstStart(trx) {
      const oldest = await trx
        .selectFrom("resources")
        .select((eb) => eb.fn.min("active_at").as("at"))
        .executeTakeFirst();
      return oldest?.at ? floorTo(new Date(oldest.at), "hour") : null;
    },
    meterSlice,
  });
}
