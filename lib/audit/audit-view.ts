import type { Selectable } from "kysely";
import { fromJson } from "@/lib/db/json";
import type { AuditLogTable } from "@/lib/db/schema";
import type { AuditLogDto } from "@/lib/schemas/audit-logs";

export type AuditRow = Selectable<AuditLogTable>;

type Fields = Record<string, unknown>;

/** An audit row as the API, the portal and the CSV show it. */
export function toAuditLogView(row: AuditRow): AuditLogDto {
  return {
    id: row.id,
    object: "audit_log",
    occurred_at: row.created_at,
    action: row.action,
    outcome: row.outcome,
    actor: { type: row.actor_type, id: row.actor_id, display: row.actor_display },
    targets: fromJson<AuditLogDto["targets"]>(row.targets, []),
    context: {
      ip: row.ip,
      user_agent: row.user_agent,
      request_id: row.request_id,
      source: row.source,
    },
    changes: {
      before: fromJson<Fields | null>(row.changes_before, null),
      after: fromJson<Fields | null>(row.changes_after, null),
    },
    details: fromJson<Fields>(row.data, {}),
    project_id: row.project_id,
    environment: row.environment,
  };
}
