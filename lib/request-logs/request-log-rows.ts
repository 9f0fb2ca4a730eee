import { type Kysely, type SelectQueryBuilder, sql } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { Principal } from "@/lib/principal";
import type { RequestLogDto } from "@/lib/schemas/request-logs";

/** The raw columns a request log entry is made from, as one query reads them. */
export interface RawLogRow {
  ts: number | string;
  series_id: number;
  latency_us: number;
  request_id: string;
  path: string | null;
  ip: string | null;
  user_agent_id: number | null;
  idempotency_key: string | null;
  replayed: number;
  error_code: string | null;
  error_detail: string | null;
}

/** A raw row joined with its series, user agent, key and member. */
export interface LogRow extends RawLogRow {
  environment: "live" | "test";
  method: string;
  route: string;
  status: number;
  key_id: string;
  user_id: string;
  user_agent: string | null;
  key_prefix: string | null;
  member_id: string | null;
  member_email: string | null;
}

export const RAW_LOG_COLUMNS = [
  "request_log.ts",
  "request_log.series_id",
  "request_log.latency_us",
  "request_log.request_id",
  "request_log.path",
  "request_log.ip",
  "request_log.user_agent_id",
  "request_log.idempotency_key",
  "request_log.replayed",
  "request_log.error_code",
  "request_log.error_detail",
] as const;

/** The raw-row query of one tenant's logs: every filter is added to it by the caller. */
export type RawLogQuery = SelectQueryBuilder<Database, "request_log", RawLogRow>;

/**
 * The interned scope of the caller's project and environment (request_scopes, one row per
 * tenant); null when the tenant has never made a request.
 */
export async function tenantScopeId(
  db: Kysely<Database>,
  principal: Principal,
): Promise<number | null> {
  const row = await db
    .selectFrom("request_scopes")
    .select("id")
    .where("project_id", "=", principal.projectId)
    .where("environment", "=", principal.environment)
    .where("organization_id", "=", principal.organizationId)
    .executeTakeFirst();
  return row ? Number(row.id) : null;
}

/**
 * Joins the (already ordered and cut) raw rows with what an entry shows: the series (method,
 * route, status, key, member), the user agent, the key's prefix and the member's email. Every
 * join is by primary key or a unique pair, so it costs a few lookups per row of the page.
 */
export function withDetails(
  db: Kysely<Database>,
  raw: SelectQueryBuilder<Database, keyof Database, RawLogRow>,
) {
  return db
    .selectFrom(raw.as("r"))
    .innerJoin("request_series as s", "s.id", "r.series_id")
    .leftJoin("request_user_agents as ua", "ua.id", "r.user_agent_id")
    .leftJoin("api_keys as k", "k.id", "s.key_id")
    .leftJoin("users as u", "u.id", "s.user_id")
    .leftJoin("memberships as m", (join) =>
      join
        .onRef("m.user_id", "=", "s.user_id")
        .onRef("m.organization_id", "=", "s.organization_id"),
    )
    .selectAll("r")
    .select([
      "s.environment",
      "s.method",
      "s.route",
      "s.status",
      "s.key_id",
      "s.user_id",
      "ua.value as user_agent",
      "k.prefix as key_prefix",
      "m.id as member_id",
      "u.email as member_email",
    ])
    .orderBy(sql.ref("r.ts"), "desc")
    .orderBy(sql.ref("r.request_id"), "desc");
}

/** An entry as the API shows it. */
export function toRequestLogView(row: LogRow): RequestLogDto {
  const latencyUs = Number(row.latency_us);
  return {
    id: row.request_id,
    object: "request_log",
    created_at: new Date(Number(row.ts)).toISOString(),
    method: row.method,
    path: row.path ?? row.route,
    route: row.route,
    status: Number(row.status),
    duration_ms: Math.round(latencyUs) / 1000,
    api_key: row.key_id ? { id: row.key_id, prefix: row.key_prefix ?? "" } : null,
    member: row.user_id
      ? { id: row.member_id ?? row.user_id, email: row.member_email ?? "" }
      : null,
    // "unknown": the request came without a socket (in-process calls).
    ip: row.ip === "unknown" ? null : row.ip,
    user_agent: row.user_agent,
    idempotency_key: row.idempotency_key,
    idempotent_replayed: Number(row.replayed) === 1,
    error: row.error_code ? { code: row.error_code, detail: row.error_detail } : null,
    environment: row.environment,
  };
}
