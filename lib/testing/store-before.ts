import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Kysely, type MigrationProvider, Migrator } from "kysely";
import pg from "pg";
import { openStore } from "@/lib/db/client";
import { migrations } from "@/lib/db/migrations/index";
import { randomBase62 } from "@/lib/ids";
import { createTestRuntime, type StoreTarget, type TestRuntime } from "./test-runtime";

/** A store migrated only up to `before`, for a migration test to fill in the old layout. */
export interface OldStore<DB> {
  db: Kysely<DB>;
  /** Closes the old handle and opens the runtime, which applies every later migration. */
  upgrade: () => Promise<TestRuntime>;
  /** Drops the PostgreSQL schema (the runtime must be closed first). */
  drop: () => Promise<void>;
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(text);
  await admin.end();
}

export async function storeBefore<DB>(target: StoreTarget, before: string): Promise<OldStore<DB>> {
  let databaseUrl: string | undefined;
  let sqliteFile: string | undefined;
  let schema: string | null = null;
  if (target === "postgres") {
    schema = `t_${randomBase62(10).toLowerCase()}`;
    await adminQuery(`create schema "${schema}"`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set("options", `-c search_path=${schema}`);
    databaseUrl = url.toString();
  } else {
    sqliteFile = path.join(mkdtempSync(path.join(tmpdir(), "cap-migration-")), "test.sqlite");
  }
  const store = openStore({ databaseUrl, sqlitePath: sqliteFile, poolSize: 2 });
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({
    db: store.db,
    provider,
    migrationTableSchema: schema ?? undefined,
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateTo(before);
  if (error) throw error;
  return {
    db: store.db as unknown as Kysely<DB>,
    upgrade: async () => {
      await store.close();
      return createTestRuntime(target, { sqliteFile, postgresSchema: schema ?? undefined });
    },
    drop: async () => {
      if (schema) await adminQuery(`drop schema if exists "${schema}" cascade`);
    },
  };
}
