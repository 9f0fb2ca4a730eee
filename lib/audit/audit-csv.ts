import { toCsv } from "@/lib/http/csv";
import type { AuditLogDto } from "@/lib/schemas/audit-logs";

const HEADER = [
  "id",
  "occurred_at",
  "action",
  "outcome",
  "actor_type",
  "actor_id",
  "actor_display",
  "targets",
  "source",
  "ip",
  "user_agent",
  "request_id",
  "before",
  "after",
  "details",
];

const jsonCell = (value: unknown) => (value === null ? null : JSON.stringify(value));

/**
 * One row per entry; targets as `type:id` (name in parentheses), the changes as JSON. Cells a
 * spreadsheet would evaluate are defused by toCsv.
 */
export function auditCsv(entries: readonly AuditLogDto[]): string {
  const rows = entries.map((e) => [
    e.id,
    e.occurred_at,
    e.action,
    e.outcome,
    e.actor.type,
    e.actor.id,
    e.actor.display,
    e.targets.map((t) => `${t.type}:${t.id}${t.name ? ` (${t.name})` : ""}`).join("; "),
    e.context.source,
    e.context.ip,
    e.context.user_agent,
    e.context.request_id,
    jsonCell(e.changes.before),
    jsonCell(e.changes.after),
    Object.keys(e.details).length === 0 ? null : JSON.stringify(e.details),
  ]);
  return toCsv([HEADER, ...rows]);
}
