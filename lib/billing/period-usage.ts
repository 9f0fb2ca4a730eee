import type { Kysely } from "kysely";
import { sql } from "kysely";
import { fromJson } from "@/lib/db/json";
import type { Database, Plan } from "@/lib/db/schema";
import { hourlyUsage, resourceSegments } from "@/lib/usage/meter-resources";
import { readWatermark } from "@/lib/usage/metering-state";
import type { PeriodUsage, PlanSegment } from "./charges";

/**
 * An organization's billable usage in [from, to): live requests made with a key (rollups up to
 * the watermark, raw records after it) and live resource time (metered hours, then the
 * lifecycle itself after the resource watermark). Sandbox usage is never read here. Call it in
 * one snapshot (inUsageSnapshot) for figures that cannot count a row twice.
 */
export async function billableUsage(
  db: Kysely<Database>,
  organizationId: string,
  from: Date,
  to: Date,
): Promise<PeriodUsage> {
  const a = from.toISOString();
  const b = to.toISOString();
  const requestMark = await readWatermark(db, "requests");
  const requestMarkMs = requestMark === null ? null : Date.parse(requestMark);
  const rolled = await db
    .selectFrom("usage_rollups")
    .select((eb) => eb.fn.sum<number | string>("requests").as("requests"))
    .where("organization_id", "=", organizationId)
    .where("granularity", "=", "day")
    .where("bucket", ">=", a)
    .where("bucket", "<", b)
    .where("environment", "=", "live")
    .where("key_id", "<>", "")
    .executeTakeFirst();
  let requests = Number(rolled?.requests ?? 0);
  const tailFrom = Math.max(requestMarkMs ?? 0, from.getTime());
  if (tailFrom < to.getTime()) {
    const tail = await sql<{ n: number | string }>`
      select count(*) as n
      from request_log join request_series on request_series.id = request_log.series_id
      where request_log.ts >= ${tailFrom} and request_log.ts < ${to.getTime()}
        and organization_id = ${organizationId} and environment = 'live' and key_id <> ''`.execute(
      db,
    );
    requests += Number(tail.rows[0]?.n ?? 0);
  }

  const resourceMark = await readWatermark(db, "resources");
  const shapes = new Map<string, PeriodUsage["resources"][number]>();
  const add = (type: string, size: string, seconds: number, gbSeconds: number) => {
    const id = `${type}|${size}`;
    const entry = shapes.get(id) ?? { type, size, seconds: 0, gbSeconds: 0 };
    entry.seconds += seconds;
    entry.gbSeconds += gbSeconds;
    shapes.set(id, entry);
  };
  // Metered hours up to the watermark (none yet: everything comes from the lifecycle).
  const meteredTo = resourceMark === null ? a : [resourceMark, b].sort()[0]!;
  if (meteredTo > a) {
    const rows = await db
      .selectFrom("resource_usage_rollups")
      .select(["resource_type", "size"])
      .select((eb) => [
        eb.fn.sum<number | string>("resource_seconds").as("seconds"),
        eb.fn.sum<number | string>("gb_seconds").as("gb_seconds"),
      ])
      .where("organization_id", "=", organizationId)
      .where("granularity", "=", "hour")
      .where("bucket", ">=", a)
      .where("bucket", "<", meteredTo)
      .where("environment", "=", "live")
      .groupBy(["resource_type", "size"])
      .execute();
    for (const row of rows)
      add(row.resource_type, row.size, Number(row.seconds), Number(row.gb_seconds));
  }
  const liveFrom = new Date(Math.max(from.getTime(), new Date(meteredTo).getTime()));
  if (liveFrom < to) {
    const segments = await resourceSegments(db, liveFrom, to, {
      organizationId,
      environment: "live",
    });
    for (const hour of hourlyUsage(segments, liveFrom, to).values()) {
      for (const amount of hour.values())
        add(amount.type, amount.size, amount.seconds, amount.gbSeconds);
    }
  }
  return { requests, resources: [...shapes.values()] };
}

/** Resources alive (and billable) at `at`, for forecasts: they are assumed to keep running. */
export async function runningResources(
  db: Kysely<Database>,
  organizationId: string,
  at: Date,
): Promise<Array<{ type: string; size: string; sizeGb: number }>> {
  const segments = await resourceSegments(db, at, new Date(at.getTime() + 1000), {
    organizationId,
    environment: "live",
  });
  return segments
    .filter((s) => s.end === null)
    .map((s) => ({ type: s.type, size: s.size, sizeGb: s.sizeGb }));
}

interface PlanChange {
  at: string;
  from: Plan;
  to: Plan;
}

/**
 * The plans an organization had during [from, to): from the audit log's plan changes (the portal's
 * and the operator's both write `organization.plan_changed`), starting no earlier than the
 * organization itself.
 */
export async function planSegments(
  db: Kysely<Database>,
  organizationId: string,
  from: Date,
  to: Date,
): Promise<{ segments: PlanSegment[]; planAtEnd: Plan }> {
  const org = await db
    .selectFrom("organizations")
    .select(["plan", "created_at"])
    .where("id", "=", organizationId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("audit_log")
    .select(["created_at", "changes_before", "changes_after"])
    .where("organization_id", "=", organizationId)
    .where("action", "=", "organization.plan_changed")
    .where("outcome", "=", "success")
    .where("created_at", ">=", from.toISOString())
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const changes: PlanChange[] = [];
  for (const row of rows) {
    const before = fromJson<{ plan?: Plan } | null>(row.changes_before, null)?.plan;
    const after = fromJson<{ plan?: Plan } | null>(row.changes_after, null)?.plan;
    if (before && after) changes.push({ at: row.created_at, from: before, to: after });
  }
  const start = new Date(Math.max(from.getTime(), new Date(org.created_at).getTime()));
  // The plan at `start`: what the first later change changed from, else today's plan.
  let plan: Plan = changes[0]?.from ?? org.plan;
  let cursor = start;
  const segments: PlanSegment[] = [];
  for (const change of changes) {
    const at = new Date(change.at);
    if (at >= to) break;
    if (at > cursor) {
      segments.push({ plan, start: cursor, end: at });
      cursor = at;
    }
    plan = change.to;
  }
  if (to > cursor) segments.push({ plan, start: cursor, end: to });
  // Adjacent stretches of one plan (a change there and back the same second) become one.
  const merged: PlanSegment[] = [];
  for (const segment of segments) {
    const last = merged[merged.length - 1];
    if (last && last.plan === segment.plan && last.end.getTime() === segment.start.getTime()) {
      last.end = segment.end;
    } else merged.push({ ...segment });
  }
  return { segments: merged, planAtEnd: plan };
}
