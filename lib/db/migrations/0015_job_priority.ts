import type { Kysely, Migration } from "kysely";

/**
 * Jobs someone is waiting for on screen (a webhook test event, a retry asked for by hand) are
 * claimed before the backlog: without it a test event queued behind hundreds of attempts to
 * slow receivers took minutes. The claim walks this index, urgent jobs first, then by due time.
 */
export const jobPriority: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable("jobs")
      .addColumn("priority", "integer", (col) => col.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex("jobs_priority_run_at")
      .on("jobs")
      .columns(["priority desc", "run_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("jobs_priority_run_at").ifExists().execute();
    await db.schema.alterTable("jobs").dropColumn("priority").execute();
  },
};
