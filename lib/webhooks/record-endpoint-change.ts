import type { Kysely } from "kysely";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db/schema";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import type { DomainContext } from "@/lib/principal";
import { toEndpointView, type WebhookEndpointRow } from "./endpoint-view";

/**
 * The audit entry (before: `previous`, after: the endpoint now) and the event (data: the endpoint as it now is, never its secret) for a change
 * someone asked for, in the caller's transaction. The event is not delivered to the endpoint it
 * is about (see lib/events/enqueue-deliveries.ts).
 */
export async function recordEndpointChange(
  trx: Kysely<Database>,
  ctx: DomainContext,
  row: WebhookEndpointRow,
  type: string,
  auditData: Record<string, unknown> = {},
  previous: WebhookEndpointRow | null = null,
): Promise<void> {
  // The views never carry the secret (recordAudit drops any secret field besides).
  await recordAudit(trx, ctx, {
    action: type,
    targets: [{ type: "webhook_endpoint", id: row.id, name: row.url }],
    before: previous ? toEndpointView(previous) : null,
    after: type === "webhook_endpoint.deleted" ? null : toEndpointView(row),
    details: auditData,
  });
  await emitEvent(trx, {
    ...eventOrigin(ctx),
    organizationId: row.organization_id,
    projectId: row.project_id,
    environment: row.environment,
    type,
    objectId: row.id,
    data: toEndpointView(row),
    at: ctx.now,
  });
}
