import type { Kysely, Migration } from "kysely";

/** People, tenancy, keys, jobs, events, audit, mail and raw usage: what every later feature needs. */
export const foundation: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("password_hash", "text")
      .addColumn("github_id", "text", (c) => c.unique())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("organizations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("plan", "text", (c) => c.notNull())
      .addColumn("rate_limit_override", "integer")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("memberships")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("memberships_org_user", ["organization_id", "user_id"])
      .execute();
    await db.schema.createIndex("memberships_user").on("memberships").column("user_id").execute();

    await db.schema
      .createTable("projects")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
      .addColumn("slug", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("projects_org_slug", ["organization_id", "slug"])
      .execute();

    await db.schema
      .createTable("api_keys")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull().references("organizations.id"))
      .addColumn("project_id", "text", (c) => c.notNull().references("projects.id"))
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("hash", "text", (c) => c.notNull().unique())
      .addColumn("prefix", "text", (c) => c.notNull())
      .addColumn("last4", "text", (c) => c.notNull())
      .addColumn("scopes", "text", (c) => c.notNull())
      .addColumn("created_by_user_id", "text")
      .addColumn("created_by_key_id", "text")
      .addColumn("rotated_from_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text")
      .addColumn("revoked_at", "text")
      .addColumn("last_used_at", "text")
      .execute();
    await db.schema
      .createIndex("api_keys_project_env_created")
      .on("api_keys")
      .columns(["project_id", "environment", "created_at", "id"])
      .execute();

    await db.schema
      .createTable("jobs")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("payload", "text", (c) => c.notNull())
      .addColumn("unique_key", "text", (c) => c.unique())
      .addColumn("run_at", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(10))
      .addColumn("locked_until", "text")
      .addColumn("locked_by", "text")
      .addColumn("last_error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("jobs_run_at").on("jobs").column("run_at").execute();

    await db.schema
      .createTable("events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("object_id", "text")
      .addColumn("data", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("events_project_env_created")
      .on("events")
      .columns(["project_id", "environment", "created_at", "id"])
      .execute();
    await db.schema.createIndex("events_object").on("events").column("object_id").execute();

    await db.schema
      .createTable("audit_log")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text")
      .addColumn("environment", "text")
      .addColumn("actor_type", "text", (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text")
      .addColumn("target_id", "text")
      .addColumn("data", "text", (c) => c.notNull())
      .addColumn("ip", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("audit_log_org_created")
      .on("audit_log")
      .columns(["organization_id", "created_at", "id"])
      .execute();

    await db.schema
      .createTable("emails")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text")
      .addColumn("to_address", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("body_text", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .execute();
    await db.schema
      .createIndex("emails_org_created")
      .on("emails")
      .columns(["organization_id", "created_at"])
      .execute();

    await db.schema
      .createTable("usage_requests")
      .addColumn("ts", "text", (c) => c.notNull())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("key_id", "text")
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("route", "text", (c) => c.notNull())
      .addColumn("status", "integer", (c) => c.notNull())
      .addColumn("latency_ms", "double precision", (c) => c.notNull())
      .addColumn("bytes_in", "integer", (c) => c.notNull())
      .addColumn("bytes_out", "integer", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("usage_requests_ts").on("usage_requests").columns(["ts"]).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      "usage_requests",
      "emails",
      "audit_log",
      "events",
      "jobs",
      "api_keys",
      "projects",
      "memberships",
      "organizations",
      "users",
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
