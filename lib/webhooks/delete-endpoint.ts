import { inTenant } from "@/lib/db/tenant";
import { requireScope } from "@/lib/principal";
import { requireEndpoint } from "./endpoint-store";
import { recordEndpointChange } from "./record-endpoint-change";
import type { WebhookContext } from "./webhook-context";

/**
 * Deletes the endpoint and its delivery history. Attempts already queued find nothing and stop.
 */
export async function deleteWebhookEndpoint(ctx: WebhookContext, id: string): Promise<void> {
  const { principal } = ctx;
  requireScope(principal, "webhooks:write");
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireEndpoint(trx, principal, id);
    await trx
      .deleteFrom("webhook_deliveries")
      .where("endpoint_id", "=", row.id)
      .where(inTenant(principal))
      .execute();
    await trx
      .deleteFrom("webhook_endpoints")
      .where("id", "=", row.id)
      .where(inTenant(principal))
      .execute();
    await recordEndpointChange(trx, ctx, row, "webhook_endpoint.deleted", {}, row);
  });
}
