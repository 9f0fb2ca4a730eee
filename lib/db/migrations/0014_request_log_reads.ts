import type { Kysely, Migration } from "kysely";

/**
 * What the request logs read besides the tenant's newest-first walk (request_log_scope_ts, 0011):
 * one series' rows newest first (filters by key, method, route or status resolve to a few series,
 * each read from its own range instead of walking the whole tenant), and a request's trace (the
 * events it emitted by request id, the webhook deliveries of those events).
 */
export const requestLogReads: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex("request_log_series_ts")
      .on("request_log")
      .columns(["series_id", "ts"])
      .execute();
    await db.schema.createIndex("events_request_id").on("events").column("request_id").execute();
    await db.schema
      .createIndex("webhook_deliveries_event")
      .on("webhook_deliveries")
      .column("event_id")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const index of [
      "webhook_deliveries_event",
      "events_request_id",
      "request_log_series_ts",
    ]) {
      await db.schema.dropIndex(index).ifExists().execute();
    }
  },
};
