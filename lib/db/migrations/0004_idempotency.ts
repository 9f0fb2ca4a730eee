import type { Kysely, Migration } from "kysely";

/**
 * Idempotency records: one row per (project, environment, key). The unique primary key is what
 * makes concurrent first requests safe: exactly one INSERT ... ON CONFLICT DO NOTHING wins.
 */
export const idempotency: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("idempotency_keys")
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("idempotency_key", "text", (c) => c.notNull())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("fingerprint", "text", (c) => c.notNull())
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("path", "text", (c) => c.notNull())
      .addColumn("lock_token", "text")
      .addColumn("locked_until", "text")
      .addColumn("response_status", "integer")
      .addColumn("response_headers", "text")
      .addColumn("response_body", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("idempotency_keys_pk", [
        "project_id",
        "environment",
        "idempotency_key",
      ])
      .execute();
    await db.schema
      .createIndex("idempotency_keys_expires")
      .on("idempotency_keys")
      .column("expires_at")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("idempotency_keys").ifExists().execute();
  },
};
