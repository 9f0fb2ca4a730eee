import type { StoreKind } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { nextSlotJob } from "@/lib/jobs/slot-schedule";
import { meterResourceUsage } from "./meter-resources";
import { rollupRequestUsage } from "./rollup-requests";

export const USAGE_ROLLUP_JOB = "usage.rollup";
const EVERY_MS = 30_000;

/**
 * Rolls raw request records up (minute, hour, day) and meters resource time (hour, day) every 30
 * seconds. Both steps are incremental from a watermark and idempotent, so a late, repeated or
 * concurrent run changes nothing; the job reschedules itself.
 */
export function registerUsageJobs(deps: JobDeps & { storeKind: StoreKind }): Promise<void> {
  const { db, storeKind: kind } = deps;
  deps.jobs.register(USAGE_ROLLUP_JOB, async (job) => {
    await rollupRequestUsage(db, kind, job.now);
    await meterResourceUsage(db, kind, job.now);
    await enqueueJob(db, nextSlotJob(USAGE_ROLLUP_JOB, EVERY_MS, job.now), job.now);
  });
  const now = deps.now();
  return enqueueJob(db, nextSlotJob(USAGE_ROLLUP_JOB, EVERY_MS, now), now).then(
    () => undefined,
    (error: unknown) => deps.logger.warn({ err: error }, "could not schedule the usage rollup"),
  );
}
