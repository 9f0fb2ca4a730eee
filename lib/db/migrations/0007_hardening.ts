import type { Kysely, Migration } from "kysely";

/**
 * Sign-in attempt counters kept in the store when there is no Redis (lib/auth/sign-in-throttle):
 * one row per account or address, counted with a single upsert so parallel guesses cannot slip
 * past the limit. And an index for the once-a-second look for organizations changed by another
 * process (lib/keys/plan-change-watch).
 */
export const hardening: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("sign_in_attempts")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("window_ends_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("sign_in_attempts_window_ends")
      .on("sign_in_attempts")
      .column("window_ends_at")
      .execute();
    await db.schema
      .createIndex("organizations_updated_at")
      .on("organizations")
      .column("updated_at")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("organizations_updated_at").ifExists().execute();
    await db.schema.dropTable("sign_in_attempts").ifExists().execute();
  },
};
