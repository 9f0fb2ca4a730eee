import { inTenant } from "@/lib/db/tenant";
import { requireScope } from "@/lib/principal";
import { ROTATION_GRACE_MS, type RotationExpiry } from "@/lib/schemas/api-keys";
import { requireEndpoint } from "./endpoint-store";
import type { WebhookEndpointRow } from "./endpoint-view";
import { recordEndpointChange } from "./record-endpoint-change";
import { generateWebhookSecret, sealSecret } from "./secret-box";
import type { WebhookContext } from "./webhook-context";

export interface RotateWebhookSecretInput {
  id: string;
  /** How long the secret being replaced keeps signing beside the new one. */
  expiresIn: RotationExpiry;
}

/**
 * A new signing secret, used from the next attempt on (also for retries of earlier events). The
 * old one stops at once, or keeps signing beside it for the chosen overlap so a receiver can be
 * switched without rejecting a delivery (it only needs either secret). A rotation during an
 * overlap replaces the older secret: at most two ever sign. The new secret is in the answer only.
 */
export async function rotateWebhookSecret(
  ctx: WebhookContext,
  input: RotateWebhookSecretInput,
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const { principal } = ctx;
  requireScope(principal, "webhooks:write");
  const secret = generateWebhookSecret();
  const graceMs = ROTATION_GRACE_MS[input.expiresIn];
  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireEndpoint(trx, principal, input.id);
    const row = await trx
      .updateTable("webhook_endpoints")
      .set({
        secret_ciphertext: sealSecret(ctx.webhooks.secretKey, before.id, secret),
        secret_last4: secret.slice(-4),
        // Sealed for this same row, so the old ciphertext moves over as it is.
        previous_secret_ciphertext: graceMs > 0 ? before.secret_ciphertext : null,
        previous_secret_expires_at:
          graceMs > 0 ? new Date(ctx.now.getTime() + graceMs).toISOString() : null,
        updated_at: ctx.now.toISOString(),
      })
      .where("id", "=", before.id)
      .where(inTenant(principal))
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEndpointChange(trx, ctx, row, "webhook_endpoint.secret_rotated", {}, before);
    return { row, secret };
  });
}
