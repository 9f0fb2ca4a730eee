import { type ExpressionBuilder, sql } from "kysely";
import type { Database } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, type Principal, requireScope } from "@/lib/principal";
import type { AuditLogDto } from "@/lib/schemas/audit-logs";
import { type AuditRow, toAuditLogView } from "./audit-view";

export interface AuditFilters {
  actorId?: string | undefined;
  /** Exact actions or families (member.*), any of which matches. */
  actions?: readonly string[] | undefined;
  targetId?: string | undefined;
  outcome?: "success" | "denied" | undefined;
  occurredGte?: string | undefined;
  occurredLte?: string | undefined;
}

type AuditEb = ExpressionBuilder<Database, "audit_log">;

/**
 * What a principal may read: its organization's entries about the whole organization (members,
 * plan), and those of its own project and environment, as every other list.
 */
function visibleTo(principal: Principal) {
  return (eb: AuditEb) =>
    eb.and([
      eb("audit_log.organization_id", "=", principal.organizationId),
      eb.or([
        eb("audit_log.project_id", "is", null),
        eb.and([
          eb("audit_log.project_id", "=", principal.projectId),
          eb("audit_log.environment", "=", principal.environment),
        ]),
      ]),
    ]);
}

/** Exact actions by equality, families by their prefix (member.* is every member.<x>). */
function actionCondition(actions: readonly string[]) {
  return (eb: AuditEb) =>
    eb.or(
      actions.map((action) => {
        if (!action.endsWith(".*")) return eb("audit_log.action", "=", action);
        const prefix = action.slice(0, -1);
        return eb(
          eb.fn("substr", [eb.ref("audit_log.action"), sql.lit(1), sql.lit(prefix.length)]),
          "=",
          prefix,
        );
      }),
    );
}

/** Stored times are UTC with milliseconds, so a normalised bound compares as text. */
const utc = (timestamp: string) => new Date(timestamp).toISOString();

function filtered(ctx: DomainContext, filters: AuditFilters) {
  let query = ctx.db.selectFrom("audit_log").where(visibleTo(ctx.principal));
  if (filters.actorId) query = query.where("audit_log.actor_id", "=", filters.actorId);
  if (filters.actions && filters.actions.length > 0) {
    query = query.where(actionCondition(filters.actions));
  }
  if (filters.outcome) query = query.where("audit_log.outcome", "=", filters.outcome);
  if (filters.occurredGte)
    query = query.where("audit_log.created_at", ">=", utc(filters.occurredGte));
  if (filters.occurredLte)
    query = query.where("audit_log.created_at", "<=", utc(filters.occurredLte));
  const { targetId } = filters;
  if (targetId) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("audit_log_targets")
          .select(sql.lit(1).as("one"))
          .whereRef("audit_log_targets.audit_id", "=", "audit_log.id")
          .where("audit_log_targets.target_id", "=", targetId),
      ),
    );
  }
  return query;
}

/** The audit log the principal may read, newest first, filtered. */
export async function listAuditLogs(
  ctx: DomainContext,
  input: { page: ListQuery; filters: AuditFilters },
): Promise<Page<AuditLogDto>> {
  requireScope(ctx.principal, "audit:read");
  const base = filtered(ctx, input.filters);
  const [rows, count] = await Promise.all([
    newestFirstWindow(base.selectAll("audit_log"), "audit_log", input.page).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const page = toPage<AuditRow>(rows, input.page, Number(count.total));
  return { data: page.data.map(toAuditLogView), meta: page.meta };
}

/** The most entries one CSV export holds; a narrower filter (a date range) gets the rest. */
export const AUDIT_EXPORT_LIMIT = 10_000;

/** Every entry matching the filters for an export, newest first, at most AUDIT_EXPORT_LIMIT. */
export async function exportAuditLogs(
  ctx: DomainContext,
  filters: AuditFilters,
): Promise<AuditLogDto[]> {
  requireScope(ctx.principal, "audit:read");
  const rows = await filtered(ctx, filters)
    .selectAll("audit_log")
    .orderBy("audit_log.created_at", "desc")
    .orderBy("audit_log.id", "desc")
    .limit(AUDIT_EXPORT_LIMIT)
    .execute();
  return rows.map(toAuditLogView);
}

/** One entry the principal may read; 404 for any other organization's (or project's) id. */
export async function getAuditLog(ctx: DomainContext, id: string): Promise<AuditLogDto> {
  requireScope(ctx.principal, "audit:read");
  const row = await filtered(ctx, {})
    .selectAll("audit_log")
    .where("audit_log.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(`Audit log entry ${id}`);
  return toAuditLogView(row);
}
