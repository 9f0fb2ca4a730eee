import type { Kysely, Migration } from "kysely";

/**
 * A rotated-out signing secret that keeps signing for a chosen while (rotate-secret's
 * expires_in), so a receiver can switch secrets without rejecting a delivery. Sealed like the
 * current one (lib/webhooks/secret-box.ts). Null when no rotation is in its overlap.
 */
export const webhookSigning: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("webhook_endpoints")
      .addColumn("previous_secret_ciphertext", "text")
      .execute();
    await db.schema
      .alterTable("webhook_endpoints")
      .addColumn("previous_secret_expires_at", "text")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema
      .alterTable("webhook_endpoints")
      .dropColumn("previous_secret_expires_at")
      .execute();
    await db.schema
      .alterTable("webhook_endpoints")
      .dropColumn("previous_secret_ciphertext")
      .execute();
  },
};
