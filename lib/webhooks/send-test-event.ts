import { recordAudit } from "@/lib/audit/record-audit";
import { toJson } from "@/lib/db/json";
import { insertDelivery } from "@/lib/events/enqueue-deliveries";
import { newId } from "@/lib/ids";
import { requireScope } from "@/lib/principal";
import { WEBHOOK_TEST_EVENT } from "@/lib/schemas/webhooks";
import type { WebhookDeliveryRow } from "./delivery-view";
import { requireEndpoint } from "./endpoint-store";
import { toEndpointView } from "./endpoint-view";
import type { WebhookContext } from "./webhook-context";

/**
 * Queues one `webhook.test` event to this endpoint only (not recorded in the event log, not sent
 * to other endpoints). It goes out even to a disabled endpoint, so a fixed receiver can be checked
 * before re-enabling; it is one attempt without retries, and its result counts like any other.
 */
export async function sendWebhookTestEvent(
  ctx: WebhookContext,
  id: string,
): Promise<WebhookDeliveryRow> {
  const { principal } = ctx;
  requireScope(principal, "webhooks:write");
  return ctx.db.transaction().execute(async (trx) => {
    const endpoint = await requireEndpoint(trx, principal, id);
    const view = toEndpointView(endpoint);
    const eventId = newId("evt");
    const deliveryId = await insertDelivery(
      trx,
      endpoint.id,
      {
        id: eventId,
        organizationId: endpoint.organization_id,
        projectId: endpoint.project_id,
        environment: endpoint.environment,
        type: WEBHOOK_TEST_EVENT,
        objectId: endpoint.id,
        dataJson: toJson({
          message: "A test event sent from the Cloud API. No action is needed.",
          endpoint: { id: view.id, url: view.url, environment: view.environment },
        }),
        createdAt: ctx.now.toISOString(),
      },
      ctx.now,
      { urgent: true },
    );
    await recordAudit(trx, ctx, {
      action: "webhook_endpoint.test_sent",
      targets: [{ type: "webhook_endpoint", id: endpoint.id, name: endpoint.url }],
      details: { event_id: eventId },
    });
    return trx
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("id", "=", deliveryId ?? "")
      .executeTakeFirstOrThrow();
  });
}
