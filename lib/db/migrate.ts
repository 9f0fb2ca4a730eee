import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import type { StoreKind } from "./client";
import { migrations } from "./migrations";
import type { Database } from "./schema";

const provider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  },
};

/**
 * Applies every pending migration; throws with the failing migration's name. On PostgreSQL the
 * bookkeeping tables go in the connection's current schema: Kysely's existence check looks at
 * every schema, so without this a second schema on one server would skip creating them.
 */
export async function migrateToLatest(db: Kysely<Database>, kind: StoreKind): Promise<string[]> {
  let migrationTableSchema: string | undefined;
  if (kind === "postgres") {
    const row = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = row.rows[0]?.schema;
  }
  // Features land in parallel, so a store may have seen 0005 before 0004 arrived; order by name still
  // holds on fresh stores, and every migration only adds its own tables.
  const migrator = new Migrator({
    db,
    provider,
    migrationTableSchema,
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? "(unknown)"} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
