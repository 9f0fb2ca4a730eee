import { sql } from "kysely";
import type { RollupGranularity } from "@/lib/db/schema-billing";
import { inTenant } from "@/lib/db/tenant";
import type { OrganizationLimits } from "@/lib/keys/find-key-by-secret";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { ApiRateLimiter, RateLimitState } from "@/lib/ratelimit/api-rate-limiter";
import { organizationBuckets, WINDOW_SECONDS } from "@/lib/ratelimit/limits";
import type { RateLimitsDto } from "@/lib/schemas/usage";
import { inUsageSnapshot, PORTAL_LABEL } from "./get-usage";
import { requestBuckets } from "./request-series";
import { bucketStarts } from "./time-buckets";
import { resolveUsageRange } from "./usage-range";

export interface RateLimitsInput {
  from?: string;
  to?: string;
  granularity?: RollupGranularity;
}

function windowOf(state: RateLimitState) {
  return {
    limit: state.limit,
    used: state.used,
    remaining: state.remaining,
    window_seconds: WINDOW_SECONDS,
    reset: state.resetAt,
    reset_in: state.resetIn,
  };
}

/**
 * GET /v1/rate-limits: the organization's live and sandbox windows as the limiter holds them right
 * now (nothing is spent by looking), who in this project used the current window, and the 429s
 * of a range from the usage records.
 */
export async function getRateLimits(
  ctx: DomainContext,
  deps: { limiter: ApiRateLimiter; organization: OrganizationLimits },
  input: RateLimitsInput,
): Promise<RateLimitsDto> {
  requireScope(ctx.principal, "usage:read");
  const range = resolveUsageRange(input, ctx.now);
  const buckets = organizationBuckets(deps.organization);
  const [live, sandbox] = await Promise.all([
    deps.limiter.peek(buckets.live),
    deps.limiter.peek(buckets.sandbox),
  ]);
  const sandboxed = ctx.principal.environment === "test";
  const current = sandboxed ? sandbox : live;
  const limitSource = sandboxed
    ? ("sandbox" as const)
    : deps.organization.rateLimitOverride !== null
      ? ("override" as const)
      : ("plan" as const);
  // resetAt is rounded up to a whole second, so the window opened up to a second earlier.
  const windowStart = (current.resetAt - WINDOW_SECONDS - 1) * 1000;
  const from = range.from.toISOString();
  const to = range.to.toISOString();

  const { perKeyNow, byKey, overall } = await inUsageSnapshot(ctx.db, async (trx) => {
    const perKeyNow =
      current.used === 0
        ? []
        : (
            await sql<{ key_id: string; requests: number | string }>`
              select key_id, count(*) as requests
              from request_log join request_series on request_series.id = request_log.series_id
              where request_log.ts >= ${windowStart}
                and ${inTenant(ctx.principal, "request_series")} and key_id <> ''
              group by key_id`.execute(trx)
          ).rows;
    const query = {
      projectId: ctx.principal.projectId,
      environment: ctx.principal.environment,
      granularity: range.granularity,
      from,
      to,
    };
    const byKey = await requestBuckets(trx, { ...query, groupBy: "key" });
    const overall = await requestBuckets(trx, { ...query, groupBy: null });
    return { perKeyNow, byKey, overall };
  });

  const ids = new Set<string>([...perKeyNow.map((r) => r.key_id), ...byKey.keys()]);
  const real = [...ids].filter((id) => id !== "");
  const names = new Map<string, string>();
  if (real.length > 0) {
    const rows = await ctx.db
      .selectFrom("api_keys")
      .select(["id", "name", "prefix", "last4"])
      .where(inTenant(ctx.principal))
      .where("id", "in", real)
      .execute();
    for (const row of rows) names.set(row.id, `${row.name} (${row.prefix}…${row.last4})`);
  }
  const nameOf = (id: string) => (id === "" ? PORTAL_LABEL : (names.get(id) ?? id));

  const byKeyRows = [...byKey.entries()].map(([id, perBucket]) => {
    let throttled = 0;
    let requests = 0;
    for (const acc of perBucket.values()) {
      throttled += acc.throttled;
      requests += acc.requests;
    }
    return { key_id: id === "" ? null : id, name: nameOf(id), throttled, requests };
  });
  byKeyRows.sort((a, b) => b.throttled - a.throttled || b.requests - a.requests);
  const overallBuckets = overall.get("") ?? new Map();
  const points = bucketStarts(range.from, range.to, range.granularity).map((timestamp) => ({
    timestamp,
    throttled: overallBuckets.get(timestamp)?.throttled ?? 0,
  }));

  return {
    object: "rate_limits",
    plan: deps.organization.plan,
    environment: ctx.principal.environment,
    limit_source: limitSource,
    window: windowOf(current),
    live: windowOf(live),
    sandbox: windowOf(sandbox),
    keys: perKeyNow
      .map((row) => ({
        key_id: row.key_id === "" ? null : row.key_id,
        name: nameOf(row.key_id),
        requests_this_window: Number(row.requests),
        share_of_limit:
          current.limit > 0 ? Math.round((Number(row.requests) / current.limit) * 1e4) / 1e4 : 0,
      }))
      .sort((a, b) => b.requests_this_window - a.requests_this_window),
    throttled: {
      from,
      to,
      granularity: range.granularity,
      total: points.reduce((sum, p) => sum + p.throttled, 0),
      by_key: byKeyRows,
      points,
    },
  };
}
