import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { nextSlotJob } from "@/lib/jobs/slot-schedule";
import { deleteExpiredIdempotencyKeys } from "./claim-key";

export const IDEMPOTENCY_CLEANUP_JOB = "idempotency.cleanup";
const EVERY_MS = 60 * 60 * 1000;

/**
 * Hourly deletion of answers past their 24 hours. Expired rows are already ignored on the request
 * path, so this only keeps the table small; it reschedules itself.
 */
export function registerIdempotencyJobs(deps: JobDeps): Promise<void> {
  const { db, logger } = deps;
  deps.jobs.register(IDEMPOTENCY_CLEANUP_JOB, async (job) => {
    const deleted = await deleteExpiredIdempotencyKeys(db, job.now);
    if (deleted > 0) logger.info({ deleted }, "expired idempotency keys deleted");
    await enqueueJob(db, nextSlotJob(IDEMPOTENCY_CLEANUP_JOB, EVERY_MS, job.now), job.now);
  });
  const now = deps.now();
  return enqueueJob(db, nextSlotJob(IDEMPOTENCY_CLEANUP_JOB, EVERY_MS, now), now).then(
    () => undefined,
    (error: unknown) => logger.warn({ err: error }, "could not schedule the idempotency cleanup"),
  );
}
