import "./pg-types";
import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { registerPostgresPool } from "./postgres-handle";
import type { Database } from "./schema";
import { startSqliteCheckpointer } from "./sqlite-checkpointer";
import { GroupCommitSqliteDialect } from "./sqlite-group-commit";
import { registerSqliteHandle } from "./sqlite-handle";
import { withStatementCache } from "./sqlite-statement-cache";
import { WriteLease } from "./sqlite-write-lease";

export type StoreKind = "sqlite" | "postgres";

export interface Store {
  db: Kysely<Database>;
  kind: StoreKind;
  /** Where the data lives, for logs (never a password). */
  location: string;
  /**
   * A SQLite file store's file and the lease that lets a worker thread's own connection write to
   * it (lib/db/sqlite-write-lease.ts); absent for PostgreSQL and in-memory SQLite.
   */
  sqliteFile?: { path: string; lease: WriteLease };
  /** A PostgreSQL store's connection string, for a worker thread's own pool (never logged). */
  postgresUrl?: string;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://... selects PostgreSQL; otherwise SQLite. */
  databaseUrl?: string;
  /** SQLite file, or ":memory:" for tests. */
  sqlitePath?: string;
  poolSize?: number;
}

export function openStore(options: StoreOptions): Store {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openSqlite(options.sqlitePath ?? path.join(".data", "cloud.sqlite"));
}

/** A connection to the SQLite file with the store's settings (also a worker thread's own). */
export function openSqliteConnection(file: string): BetterSqlite3.Database {
  const database = new BetterSqlite3(file);
  // WAL + NORMAL: a commit is in the OS before we answer, so it survives kill -9 of this process
  // (measured: none lost over repeated SIGKILLs); FULL would also cover power loss at ~4x cost.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  return database;
}

/** A PostgreSQL pool with the store's settings (also a worker thread's own). */
export function openPostgresPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

function openSqlite(file: string): Store {
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const database = openSqliteConnection(file);
  // Checkpoints run in a worker thread (see sqlite-checkpointer.ts); this is only the backstop.
  const checkpointer = file === ":memory:" ? undefined : startSqliteCheckpointer(database, file);
  const lease = file === ":memory:" ? undefined : new WriteLease();
  const db = new Kysely<Database>({
    dialect: new GroupCommitSqliteDialect(database, withStatementCache(database), lease),
  });
  registerSqliteHandle(db, database);
  return {
    db,
    kind: "sqlite",
    location: file,
    sqliteFile: lease ? { path: path.resolve(file), lease } : undefined,
    async ping() {
      database.prepare("select 1").get();
    },
    async close() {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

function openPostgres(url: string, poolSize: number): Store {
  const pool = openPostgresPool(url, poolSize);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  registerPostgresPool(db, pool);
  const parsed = new URL(url);
  return {
    db,
    kind: "postgres",
    location: `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`,
    postgresUrl: url,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async close() {
      await db.destroy();
    },
  };
}
