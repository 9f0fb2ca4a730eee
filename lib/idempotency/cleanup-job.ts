import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { deleteExpiredIdempotencyKeys } from "./claim-key";

export const IDEMPOTENCY_CLEANUP_JOB = "idempotency.cleanup";
const EVERY_MS = 60 * 60 * 1000;

/** The next run on the hour: every instance computes the same time, so one job row serves all. */
function nextRunAfter(time: Date): Date {
  return new Date(Math.floor(time.getTime() / EVERY_MS) * EVERY_MS + EVERY_MS);
}

function scheduleFor(runAt: Date) {
  return {
    type: IDEMPOTENCY_CLEANUP_JOB,
    payload: {},
    runAt,
    // A key per slot: the running job still holds its own key, so the next slot needs another.
    uniqueKey: `${IDEMPOTENCY_CLEANUP_JOB}@${runAt.toISOString()}`,
  };
}

/**
 * Hourly deletion of answers past their 24 hours. Expired rows are already ignored on the request
 * path, so this only keeps the table small; it reschedules itself.
 */
export function registerIdempotencyJobs(deps: JobDeps): void {
  const { db, logger } = deps;
  deps.jobs.register(IDEMPOTENCY_CLEANUP_JOB, async (job) => {
    const deleted = await deleteExpiredIdempotencyKeys(db, job.now);
    if (deleted > 0) logger.info({ deleted }, "expired idempotency keys deleted");
    await enqueueJob(db, scheduleFor(nextRunAfter(job.now)), job.now);
  });
  const now = deps.now();
  enqueueJob(db, scheduleFor(nextRunAfter(now)), now).catch((error: unknown) =>
    logger.warn({ err: error }, "could not schedule the idempotency cleanup"),
  );
}
