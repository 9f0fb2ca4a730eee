import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { registerPeriodicJob } from "@/lib/jobs/slot-schedule";

export const EVENT_PRUNE_JOB = "events.prune";
const EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes the events created before `retentionDays` ago; answers how many went. */
export async function pruneEvents(
  db: Kysely<Database>,
  now: Date,
  retentionDays: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const result = await db.deleteFrom("events").where("created_at", "<", cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Hourly pruning of the event log to EVENT_RETENTION_DAYS. A list or stream cursor older than
 * that then answers 410 cursor_expired; the seq counter is untouched, so seq never repeats.
 */
export function registerEventJobs(deps: JobDeps & { retentionDays: number }): Promise<void> {
  const { db, logger, retentionDays } = deps;
  return registerPeriodicJob(
    deps,
    EVENT_PRUNE_JOB,
    EVERY_MS,
    async (now) => {
      const deleted = await pruneEvents(db, now, retentionDays);
      if (deleted > 0) logger.info({ deleted }, "events past retention pruned");
    },
    "could not schedule the event pruning",
  );
}
