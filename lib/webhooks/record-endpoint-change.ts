import type { Kysely } from "kysely";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db/schema";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import type { DomainContext } from "@/lib/principal";
import { toEndpointView, type WebhookEndpointRow } from "./endpoint-view";

/**
 * The audit entry and the event (data: the endpoint as it now is, never its secret) for a change
 * someone asked for, in the caller's transaction. The event is not delivered to the endpoint it
 * is about (see lib/events/enqueue-deliveries.ts).
 */
export async function recordEndpointChange(
  trx: Kysely<Database>,
  ctx: DomainContext,
  row: WebhookEndpointRow,
  type: string,
  auditData: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(trx, ctx, {
    action: type,
    targetType: "webhook_endpoint",
    targetId: row.id,
    data: { url: row.url, ...auditData },
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
