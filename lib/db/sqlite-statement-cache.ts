import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/**
 * Kysely's SQLite driver prepares every statement anew; reusing prepared statements by SQL text
 * halves the cost of a primary-key read. Bounded so generated SQL (IN lists) cannot grow it forever.
 *
 * Transactions begin IMMEDIATE: a deferred one that reads and then writes fails at once with
 * SQLITE_BUSY ("database is locked", busy_timeout does not apply) when another process (the admin
 * CLI beside the server) committed in between; taking the write lock first makes it wait instead.
 */
export function withStatementCache(
  database: BetterSqlite3.Database,
  capacity = 512,
): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => database.close(),
    prepare(text: string): SqliteStatement {
      const sql = text === "begin" ? "begin immediate" : text;
      const cached = cache.get(sql);
      if (cached) return cached;
      const statement = database.prepare(sql) as unknown as SqliteStatement;
      if (cache.size >= capacity) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
