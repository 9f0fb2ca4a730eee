import type { JobDeps } from "@/lib/jobs/job-deps";
import { registerPeriodicJob } from "@/lib/jobs/slot-schedule";
import { deleteExpiredIdempotencyKeys } from "./claim-key";

export const IDEMPOTENCY_CLEANUP_JOB = "idempotency.cleanup";
const EVERY_MS = 60 * 60 * 1000;

/**
 * Hourly deletion of answers past their 24 hours. Expired rows are already ignored on the request
 * path, so this only keeps the table small; it reschedules itself.
 */
export function registerIdempotencyJobs(deps: JobDeps): Promise<void> {
  const { db, logger } = deps;
  return registerPeriodicJob(
    deps,
    IDEMPOTENCY_CLEANUP_JOB,
    EVERY_MS,
    async (now) => {
      const deleted = await deleteExpiredIdempotencyKeys(db, now);
      if (deleted > 0) logger.info({ deleted }, "expired idempotency keys deleted");
    },
    "could not schedule the idempotency cleanup",
  );
}
