import type { Kysely, Migration } from "kysely";

/**
 * Cloud resources, their labels and what uses what. Labels and attachments are rows, not JSON,
 * so filtering by label and "who uses this?" are plain indexed queries on both stores.
 */
export const resources: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("resources")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_lower", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("region", "text", (c) => c.notNull())
      .addColumn("spec", "text", (c) => c.notNull())
      .addColumn("labels", "text", (c) => c.notNull())
      .addColumn("idempotency_key", "text")
      .addColumn("lock_version", "integer", (c) => c.notNull().defaultTo(1))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("active_at", "text")
      .addColumn("deleted_at", "text")
      .execute();
    await db.schema
      .createIndex("resources_project_env_created")
      .on("resources")
      .columns(["project_id", "environment", "created_at", "id"])
      .execute();
    // NULLs are distinct on both stores, so only rows created with a key take part.
    await db.schema
      .createIndex("resources_idempotency")
      .on("resources")
      .columns(["project_id", "environment", "idempotency_key"])
      .unique()
      .execute();

    await db.schema
      .createTable("resource_labels")
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("resource_labels_pk", ["resource_id", "key"])
      .execute();
    await db.schema
      .createIndex("resource_labels_lookup")
      .on("resource_labels")
      .columns(["project_id", "environment", "key", "value"])
      .execute();

    await db.schema
      .createTable("resource_attachments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("resource_id", "text", (c) => c.notNull())
      .addColumn("target_id", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("resource_attachments_edge", ["kind", "resource_id", "target_id"])
      .execute();
    await db.schema
      .createIndex("resource_attachments_target")
      .on("resource_attachments")
      .column("target_id")
      .execute();
    await db.schema
      .createIndex("resource_attachments_resource")
      .on("resource_attachments")
      .column("resource_id")
      .execute();
    await db.schema
      .createIndex("resource_attachments_project_env")
      .on("resource_attachments")
      .columns(["project_id", "environment"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["resource_attachments", "resource_labels", "resources"]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
