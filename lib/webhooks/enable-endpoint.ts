import { inTenant } from "@/lib/db/tenant";
import { requireScope } from "@/lib/principal";
import { requireEndpoint } from "./endpoint-store";
import type { WebhookEndpointRow } from "./endpoint-view";
import { recordEndpointChange } from "./record-endpoint-change";
import { enabledColumns } from "./update-endpoint";
import type { WebhookContext } from "./webhook-context";

/**
 * Turns a disabled endpoint on again (whatever disabled it) with its failure count at zero. An
 * enabled endpoint is answered as it is. Deliveries that failed meanwhile stay failed: retry them
 * one by one if they are still wanted.
 */
export async function enableWebhookEndpoint(
  ctx: WebhookContext,
  id: string,
): Promise<WebhookEndpointRow> {
  const { principal } = ctx;
  requireScope(principal, "webhooks:write");
  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireEndpoint(trx, principal, id);
    if (before.status === "enabled") return before;
    const row = await trx
      .updateTable("webhook_endpoints")
      .set(enabledColumns(ctx.now.toISOString()))
      .where("id", "=", before.id)
      .where(inTenant(principal))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEndpointChange(
      trx,
      ctx,
      row,
      "webhook_endpoint.enabled",
      { was: before.disabled_reason },
      before,
    );
    return row;
  });
}
