import type { StoreKind } from "@/lib/db/client";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { registerPeriodicJob } from "@/lib/jobs/slot-schedule";
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
  return registerPeriodicJob(
    deps,
    USAGE_ROLLUP_JOB,
    EVERY_MS,
    async (now) => {
      await rollupRequestUsage(db, kind, now);
      await meterResourceUsage(db, kind, now);
    },
    "could not schedule the usage rollup",
  );
}
