import type BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "./schema";

/**
 * The better-sqlite3 connection behind a SQLite store's Kysely handle, for the few hot paths that
 * run a prepared statement synchronously (no promise, no query builder): see
 * lib/resources/resource-store.ts. PostgreSQL handles and transactions have none.
 */
const handles = new WeakMap<Kysely<Database>, BetterSqlite3.Database>();

export function registerSqliteHandle(db: Kysely<Database>, database: BetterSqlite3.Database): void {
  handles.set(db, database);
}

/**
 * The connection, or undefined when `db` is not a SQLite store's own handle or when a transaction
 * is open on the connection: Kysely holds the single connection for a transaction's whole run, and
 * a statement issued beside it would read that transaction's uncommitted rows.
 */
export function idleSqliteHandle(db: Kysely<Database>): BetterSqlite3.Database | undefined {
  const database = handles.get(db);
  return database && !database.inTransaction ? database : undefined;
}
