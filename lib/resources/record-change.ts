import type { Kysely } from "kysely";
import { type AuditTarget, recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db/schema";
import { emitEvent, eventOrigin, type NewEvent } from "@/lib/events/emit-event";
import type { DomainContext } from "@/lib/principal";
import type { ResourceRow } from "./resource-store";
import { toResourceView } from "./resource-view";

/**
 * The event (data: the resource as it now is) for a change made by the system, e.g. a job, in
 * the caller's transaction.
 */
export async function emitResourceEvent(
  trx: Kysely<Database>,
  row: ResourceRow,
  type: string,
  at: Date,
  origin: Pick<NewEvent, "requestId" | "actor" | "previous"> = {},
): Promise<void> {
  await emitEvent(trx, {
    ...origin,
    organizationId: row.organization_id,
    projectId: row.project_id,
    environment: row.environment,
    type,
    objectId: row.id,
    data: toResourceView(row),
    at,
  });
}

/**
 * A change someone asked for: the audit entry and the event, in the caller's transaction. The
 * entry's before is `previous` as it was shown (null for a creation), its after the resource as
 * it now is (null once deleted); an instance_id among the details is a second target.
 */
export async function recordResourceChange(
  trx: Kysely<Database>,
  ctx: DomainContext,
  row: ResourceRow,
  type: string,
  auditData: Record<string, unknown> = {},
  previous: ResourceRow | null = null,
): Promise<void> {
  const targets: AuditTarget[] = [{ type: row.type, id: row.id, name: row.name }];
  if (typeof auditData.instance_id === "string") {
    targets.push({ type: "instance", id: auditData.instance_id });
  }
  await recordAudit(trx, ctx, {
    action: type,
    targets,
    before: previous ? toResourceView(previous) : null,
    after: type === "resource.deleted" ? null : toResourceView(row),
    details: auditData,
  });
  await emitResourceEvent(trx, row, type, ctx.now, eventOrigin(ctx));
}
