import { recordAudit } from "@/lib/audit/record-audit";
import { inTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { enqueueAttempt } from "@/lib/events/enqueue-deliveries";
import { requireScope } from "@/lib/principal";
import { WEBHOOK_TEST_EVENT } from "@/lib/schemas/webhooks";
import type { WebhookDeliveryRow } from "./delivery-view";
import { requireEndpoint } from "./endpoint-store";
import type { WebhookContext } from "./webhook-context";

export interface RetryDeliveryInput {
  endpointId: string;
  deliveryId: string;
}

/**
 * Sends a settled delivery (failed, or succeeded: a redelivery) once more, now, with the same
 * event id and body. One attempt, no schedule after it. A delivery still pending is already
 * going to be tried (409), and a disabled endpoint must be enabled first (409), except for a
 * test event.
 */
export async function retryWebhookDelivery(
  ctx: WebhookContext,
  input: RetryDeliveryInput,
): Promise<WebhookDeliveryRow> {
  const { principal } = ctx;
  requireScope(principal, "webhooks:write");
  const at = ctx.now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const endpoint = await requireEndpoint(trx, principal, input.endpointId);
    const delivery = await trx
      .selectFrom("webhook_deliveries")
      .selectAll()
      .where("id", "=", input.deliveryId)
      .where("endpoint_id", "=", endpoint.id)
      .where(inTenant(principal))
      .executeTakeFirst();
    if (!delivery) {
      throw new AppError("not_found", `Webhook delivery ${input.deliveryId} was not found`);
    }
    if (delivery.status === "pending") {
      throw new AppError(
        "conflict",
        `Delivery ${delivery.id} is still pending; its next attempt is due at ${delivery.next_attempt_at ?? "once"}`,
      );
    }
    if (endpoint.status === "disabled" && delivery.event_type !== WEBHOOK_TEST_EVENT) {
      throw new AppError(
        "conflict",
        `Webhook endpoint ${endpoint.id} is disabled; enable it before retrying its deliveries`,
      );
    }
    const row = await trx
      .updateTable("webhook_deliveries")
      .set({ status: "pending", next_attempt_at: at, completed_at: null, updated_at: at })
      .where("id", "=", delivery.id)
      .where("status", "=", delivery.status)
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new AppError("conflict", `Delivery ${delivery.id} changed meanwhile; try again`);
    await enqueueAttempt(
      trx,
      { deliveryId: row.id, attempt: Number(row.attempts) + 1, manual: true },
      ctx.now,
      ctx.now,
    );
    await recordAudit(trx, ctx, {
      action: "webhook_delivery.retried",
      targets: [
        { type: "webhook_delivery", id: row.id },
        { type: "webhook_endpoint", id: endpoint.id, name: endpoint.url },
      ],
      details: { event_id: row.event_id, attempt: Number(row.attempts) + 1 },
    });
    return row;
  });
}
