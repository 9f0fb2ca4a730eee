import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDeps } from "@/lib/jobs/job-deps";

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

/** The next run on the hour: every instance computes the same time, so one job row serves all. */
function nextRunAfter(time: Date): Date {
  return new Date(Math.floor(time.getTime() / EVERY_MS) * EVERY_MS + EVERY_MS);
}

function scheduleFor(runAt: Date) {
  return {
    type: EVENT_PRUNE_JOB,
    payload: {},
    runAt,
    uniqueKey: `${EVENT_PRUNE_JOB}@${runAt.toISOString()}`,
  };
}

/**
 * Hourly pruning of the event log to EVENT_RETENTION_DAYS. A list or stream cursor older than
 * that then answers 410 cursor_expired; the seq counter is untouched, so seq never repeats.
 */
export function registerEventJobs(deps: JobDeps & { retentionDays: number }): void {
  const { db, logger, retentionDays } = deps;
  deps.jobs.register(EVENT_PRUNE_JOB, async (job) => {
    const deleted = await pruneEvents(db, job.now, retentionDays);
    if (deleted > 0) logger.info({ deleted }, "events past retention pruned");
    await enqueueJob(db, scheduleFor(nextRunAfter(job.now)), job.now);
  });
  const now = deps.now();
  enqueueJob(db, scheduleFor(nextRunAfter(now)), now).catch((error: unknown) =>
    logger.warn({ err: error }, "could not schedule the event pruning"),
  );
}
