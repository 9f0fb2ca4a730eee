import type { Kysely, Migration } from "kysely";

/**
 * Webhook endpoints and their deliveries. A delivery row is made in the same transaction as the
 * event it carries (lib/events/emit-event.ts), one per matching endpoint; the unique
 * (endpoint_id, event_id) pair makes that fan-out exactly-once. Each attempt is a durable job.
 */
export const webhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("webhook_endpoints")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull())
      .addColumn("enabled_events", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("disabled_reason", "text")
      .addColumn("disabled_at", "text")
      .addColumn("secret_ciphertext", "text", (c) => c.notNull())
      .addColumn("secret_last4", "text", (c) => c.notNull())
      .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_success_at", "text")
      .addColumn("last_failure_at", "text")
      .addColumn("idempotency_key", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("webhook_endpoints_project_env_created")
      .on("webhook_endpoints")
      .columns(["project_id", "environment", "created_at", "id"])
      .execute();
    // NULLs are distinct on both stores, so only endpoints created with a key take part.
    await db.schema
      .createIndex("webhook_endpoints_idempotency")
      .on("webhook_endpoints")
      .columns(["project_id", "environment", "idempotency_key"])
      .unique()
      .execute();

    await db.schema
      .createTable("webhook_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("endpoint_id", "text", (c) => c.notNull())
      .addColumn("event_id", "text", (c) => c.notNull())
      .addColumn("event_type", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("first_attempt_at", "text")
      .addColumn("last_attempt_at", "text")
      .addColumn("next_attempt_at", "text")
      .addColumn("attempt_locked_until", "text")
      .addColumn("response_status", "integer")
      .addColumn("response_latency_ms", "integer")
      .addColumn("response_excerpt", "text")
      .addColumn("error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("completed_at", "text")
      .addUniqueConstraint("webhook_deliveries_endpoint_event", ["endpoint_id", "event_id"])
      .execute();
    await db.schema
      .createIndex("webhook_deliveries_endpoint_created")
      .on("webhook_deliveries")
      .columns(["endpoint_id", "created_at", "id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["webhook_deliveries", "webhook_endpoints"]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
