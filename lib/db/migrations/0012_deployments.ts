import type { Kysely, Migration } from "kysely";

/**
 * Multi-region deployments: the deployment, one target per region, and stored plans. The
 * unique (project, environment, active_service) index holds "one active deployment per
 * service" on both stores (finished deployments set it to NULL; NULLs are distinct).
 */
export const deployments: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("deployments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("service", "text", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("template", "text", (c) => c.notNull())
      .addColumn("regions", "text", (c) => c.notNull())
      .addColumn("strategy", "text", (c) => c.notNull())
      .addColumn("waves", "text", (c) => c.notNull())
      .addColumn("current_wave", "integer")
      .addColumn("on_failure", "text", (c) => c.notNull())
      .addColumn("progress_deadline_seconds", "integer", (c) => c.notNull())
      .addColumn("base_deployment_id", "text")
      .addColumn("rollback_of", "text")
      .addColumn("created_by_user_id", "text")
      .addColumn("created_by_key_id", "text")
      .addColumn("failure_reason", "text")
      .addColumn("final_status", "text")
      .addColumn("idempotency_key", "text")
      .addColumn("active_service", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .execute();
    await db.schema
      .createIndex("deployments_project_env_created")
      .on("deployments")
      .columns(["project_id", "environment", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("deployments_service_revision")
      .on("deployments")
      .columns(["project_id", "environment", "service", "revision"])
      .unique()
      .execute();
    await db.schema
      .createIndex("deployments_active_service")
      .on("deployments")
      .columns(["project_id", "environment", "active_service"])
      .unique()
      .execute();
    await db.schema
      .createIndex("deployments_idempotency")
      .on("deployments")
      .columns(["project_id", "environment", "idempotency_key"])
      .unique()
      .execute();

    await db.schema
      .createTable("deployment_targets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("deployment_id", "text", (c) => c.notNull())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("wave", "integer", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("removes", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("steps", "text", (c) => c.notNull())
      .addColumn("resource_ids", "text", (c) => c.notNull())
      .addColumn("started_at", "text")
      .addColumn("bake_until", "text")
      .addColumn("ended_at", "text")
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("deployment_targets_deployment_region")
      .on("deployment_targets")
      .columns(["deployment_id", "region"])
      .unique()
      .execute();

    await db.schema
      .createTable("deployment_plans")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("service", "text", (c) => c.notNull())
      .addColumn("base_deployment_id", "text")
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    // An operator's override of a region's availability (npm run admin -- set-region).
    await db.schema
      .createTable("region_overrides")
      .addColumn("slug", "text", (c) => c.primaryKey())
      .addColumn("available", "integer", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("region_overrides").execute();
    await db.schema.dropTable("deployment_plans").execute();
    await db.schema.dropTable("deployment_targets").execute();
    await db.schema.dropTable("deployments").execute();
  },
};
