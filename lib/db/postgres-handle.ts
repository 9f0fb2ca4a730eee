import type { Kysely } from "kysely";
import type pg from "pg";
import type { Database } from "./schema";

/**
 * The pg pool behind a PostgreSQL store's Kysely handle, for the hot reads that run a named
 * (server-side prepared) statement: PostgreSQL then parses and plans the read once per
 * connection instead of on every request, and the read skips Kysely's executor. Transactions are
 * other Kysely instances and have none, so they always go through Kysely.
 */
const pools = new WeakMap<Kysely<Database>, pg.Pool>();

export function registerPostgresPool(db: Kysely<Database>, pool: pg.Pool): void {
  pools.set(db, pool);
}

export function postgresPoolOf(db: Kysely<Database>): pg.Pool | undefined {
  return pools.get(db);
}
