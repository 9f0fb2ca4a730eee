import { type Kysely, type Migration, sql } from "kysely";

/**
 * The event log: every event gets `seq`, per project and environment, strictly increasing in
 * commit order with no gaps. The counter row in `event_sequences` is bumped by one upsert in the
 * event's own transaction; on PostgreSQL the row lock it takes makes a second writer of the same
 * tenant wait until the first commits, so seq can never commit out of order (SQLite has a single
 * writer anyway). Plus who caused the event (request id, actor) and, on updates, the changed
 * fields as they were before.
 */
export const eventLog: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("events")
      .addColumn("seq", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.alterTable("events").addColumn("request_id", "text").execute();
    await db.schema
      .alterTable("events")
      .addColumn("actor_type", "text", (c) => c.notNull().defaultTo("system"))
      .execute();
    await db.schema.alterTable("events").addColumn("actor_id", "text").execute();
    await db.schema.alterTable("events").addColumn("previous", "text").execute();
    // Events written before this migration get seq in creation order.
    await sql`update events set seq = (
        select count(*) from events e2
        where e2.project_id = events.project_id and e2.environment = events.environment
          and (e2.created_at < events.created_at
            or (e2.created_at = events.created_at and e2.id <= events.id)))`.execute(db);
    await db.schema
      .createTable("event_sequences")
      .addColumn("project_id", "text", (c) => c.notNull())
      .addColumn("environment", "text", (c) => c.notNull())
      .addColumn("last_seq", "integer", (c) => c.notNull())
      .addPrimaryKeyConstraint("event_sequences_pk", ["project_id", "environment"])
      .execute();
    await sql`insert into event_sequences (project_id, environment, last_seq)
      select project_id, environment, max(seq) from events group by project_id, environment`.execute(
      db,
    );
    await db.schema
      .createIndex("events_project_env_seq")
      .on("events")
      .columns(["project_id", "environment", "seq"])
      .execute();
    await db.schema.createIndex("events_created").on("events").column("created_at").execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("events_created").ifExists().execute();
    await db.schema.dropIndex("events_project_env_seq").ifExists().execute();
    await db.schema.dropTable("event_sequences").ifExists().execute();
    for (const column of ["previous", "actor_id", "actor_type", "request_id", "seq"]) {
      await db.schema.alterTable("events").dropColumn(column).execute();
    }
  },
};
