import { type Kysely, type Migration, PostgresAdapter, sql } from "kysely";

/**
 * The compact raw request record (lib/db/schema-request-logs.ts): integer millisecond times, the
 * tenant and the rollup dimensions interned, latency in whole microseconds, plus what the request
 * logs show. Replaces usage_requests: its rows move over (interned on the way, without request
 * details, which the old layout never had), and the metering watermark gains a millisecond twin
 * the readers compare the integer times with.
 */
export const requestLog: Migration = {
  async up(db: Kysely<unknown>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    // An integer id the store assigns: SQLite's rowid alias, PostgreSQL's identity column.
    const serialId = (table: string) =>
      db.schema
        .createTable(table)
        .addColumn("id", "integer", (c) =>
          postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
        );

    await serialId("request_scopes")
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("request_scopes_tenant")
      .on("request_scopes")
      .columns(["project_id", "environment", "organization_id"])
      .unique()
      .execute();

    await serialId("request_series")
      .addColumn("scope_id", "integer", (c) => c.notNull())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("key_id", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("method", "text", (c) => c.notNull())
      .addColumn("route", "text", (c) => c.notNull())
      .addColumn("status", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("request_series_tuple")
      .on("request_series")
      .columns(["scope_id", "key_id", "user_id", "method", "route", "status"])
      .unique()
      .execute();

    await serialId("request_user_agents")
      .addColumn("value", "text", (c) => c.notNull().unique())
      .execute();

    await db.schema
      .createTable("request_log")
      .addColumn("ts", "bigint", (c) => c.notNull())
      .addColumn("scope_id", "integer", (c) => c.notNull())
      .addColumn("series_id", "integer", (c) => c.notNull())
      .addColumn("latency_us", "integer", (c) => c.notNull())
      .addColumn("bytes_in", "integer", (c) => c.notNull())
      .addColumn("bytes_out", "integer", (c) => c.notNull())
      .addColumn("request_id", "text")
      .addColumn("path", "text")
      .addColumn("ip", "text")
      .addColumn("user_agent_id", "integer")
      .addColumn("idempotency_key", "text")
      .addColumn("replayed", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("error_code", "text")
      .addColumn("error_detail", "text")
      .execute();
    // Rollups, the tail past the watermark, billing and retention read by time; the request logs
    // read one tenant newest first, and one request by its id.
    await db.schema.createIndex("request_log_ts").on("request_log").column("ts").execute();
    await db.schema
      .createIndex("request_log_scope_ts")
      .on("request_log")
      .columns(["scope_id", "ts"])
      .execute();
    await db.schema
      .createIndex("request_log_request_id")
      .on("request_log")
      .column("request_id")
      .execute();

    await db.schema.alterTable("metering_state").addColumn("watermark_ms", "bigint").execute();

    // ISO text (always toISOString()) to milliseconds, the same on both stores.
    const msOf = (column: string) =>
      postgres
        ? `cast(round(extract(epoch from cast(${column} as timestamptz)) * 1000) as bigint)`
        : `(cast(strftime('%s', ${column}) as integer) * 1000 + cast(substr(${column}, 21, 3) as integer))`;

    await sql
      .raw(
        `update metering_state set watermark_ms = ${msOf("watermark")} where watermark is not null`,
      )
      .execute(db);
    await sql
      .raw(
        `insert into request_scopes (organization_id, project_id, environment)
         select distinct organization_id, project_id, environment from usage_requests`,
      )
      .execute(db);
    await sql
      .raw(
        `insert into request_series
           (scope_id, organization_id, project_id, environment, key_id, user_id, method, route, status)
         select distinct s.id, u.organization_id, u.project_id, u.environment,
           coalesce(u.key_id, ''), '', u.method, u.route, u.status
         from usage_requests u
         join request_scopes s on s.organization_id = u.organization_id
           and s.project_id = u.project_id and s.environment = u.environment`,
      )
      .execute(db);
    await sql
      .raw(
        `insert into request_log (ts, scope_id, series_id, latency_us, bytes_in, bytes_out, replayed)
         select ${msOf("u.ts")}, r.scope_id, r.id, cast(round(u.latency_ms * 1000) as integer),
           u.bytes_in, u.bytes_out, 0
         from usage_requests u
         join request_series r on r.organization_id = u.organization_id
           and r.project_id = u.project_id and r.environment = u.environment
           and r.key_id = coalesce(u.key_id, '') and r.user_id = '' and r.method = u.method
           and r.route = u.route and r.status = u.status`,
      )
      .execute(db);
    await db.schema.dropTable("usage_requests").execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      "request_log",
      "request_user_agents",
      "request_series",
      "request_scopes",
    ]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
