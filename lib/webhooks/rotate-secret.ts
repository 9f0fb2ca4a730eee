import { inTenant } from "@/lib/db/tenant";
import { requireScope } from "@/lib/principal";
import { requireEndpoint } from "./endpoint-store";
import type { WebhookEndpointRow } from "./endpoint-view";
import { recordEndpointChange } from "./record-endpoint-change";
import { generateWebhookSecret, sealSecret } from "./secret-box";
import type { WebhookContext } from "./webhook-context";

/**
 * A new signing secret, used from the next attempt on (also for retries of earlier events); the
 * old one stops signing at once. The new secret is in the answer only.
 */
export async function rotateWebhookSecret(
  ctx: WebhookContext,
  id: string,
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const { principal } = ctx;
  requireScope(principal, "webhooks:write");
  const secret = generateWebhookSecret();
  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireEndpoint(trx, principal, id);
    const row = await trx
      .updateTable("webhook_endpoints")
      .set({
        secret_ciphertext: sealSecret(ctx.webhooks.secretKey, before.id, secret),
        secret_last4: secret.slice(-4),
        updated_at: ctx.now.toISOString(),
      })
      .where("id", "=", before.id)
      .where(inTenant(principal))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEndpointChange(trx, ctx, row, "webhook_endpoint.secret_rotated");
    return { row, secret };
  });
}
