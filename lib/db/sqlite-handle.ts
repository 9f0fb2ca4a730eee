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

const rawStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

/**
 * A statement prepared once per connection that answers rows as arrays of values: better-sqlite3
 * builds a row object property by property (~2 us a row), which the hot reads skip. Kept apart
 * from Kysely's statement cache, whose statements must keep answering objects.
 */
export function preparedRawStatement(
  database: BetterSqlite3.Database,
  text: string,
): BetterSqlite3.Statement<unknown[], unknown[]> {
  let bySql = rawStatements.get(database);
  if (!bySql) {
    bySql = new Map();
    rawStatements.set(database, bySql);
  }
  let statement = bySql.get(text);
  if (!statement) {
    statement = database.prepare(text).raw(true);
    bySql.set(text, statement);
  }
  return statement as BetterSqlite3.Statement<unknown[], unknown[]>;
}
