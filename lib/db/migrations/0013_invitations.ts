import type { Kysely, Migration } from "kysely";

/**
 * Invitations to join an organization, and the hashes of the link tokens they were sent with.
 * Portable types only; "one pending invitation per e-mail" is checked in the domain under the
 * organization's lock (an expired one must not block a new one, which a unique index would).
 */
export const invitations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("invitations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("invited_by_type", "text", (c) => c.notNull())
      .addColumn("invited_by_id", "text")
      .addColumn("invited_by_display", "text")
      .addColumn("delivery", "text", (c) => c.notNull())
      .addColumn("email_id", "text")
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("accepted_at", "text")
      .addColumn("accepted_by_user_id", "text")
      .addColumn("revoked_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("invitations_org_created")
      .on("invitations")
      .columns(["organization_id", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("invitations_org_email")
      .on("invitations")
      .columns(["organization_id", "email", "status"])
      .execute();
    await db.schema
      .createTable("invitation_tokens")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("invitation_id", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("replaced_at", "text")
      .execute();
    await db.schema
      .createIndex("invitation_tokens_invitation")
      .on("invitation_tokens")
      .column("invitation_id")
      .execute();
    // "Last active" on the members page: touched (at most every few minutes) on portal use.
    await db.schema.alterTable("memberships").addColumn("last_active_at", "text").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable("memberships").dropColumn("last_active_at").execute();
    await db.schema.dropTable("invitation_tokens").execute();
    await db.schema.dropTable("invitations").execute();
  },
};
