import type { JobDeps } from "@/lib/jobs/job-deps";
import { type AdvanceDeps, advanceDeployment } from "./advance-deployment";
import { ADVANCE_JOB, type AdvancePayload, releaseAdvanceKey } from "./deployment-store";

/** While resources provision, a target is looked at this often (bounded by PROVISION_DELAY_MS). */
const MAX_POLL_MS = 1_000;

/** The orchestration job: each pass advances one deployment by what its stored state allows. */
export function registerDeploymentJobs(
  deps: Pick<JobDeps, "db" | "jobs"> & { provisionDelayMs: number },
): void {
  const advance: AdvanceDeps = {
    db: deps.db,
    provisionDelayMs: deps.provisionDelayMs,
    pollMs: Math.max(1, Math.min(MAX_POLL_MS, deps.provisionDelayMs)),
  };
  deps.jobs.register(ADVANCE_JOB, async (job) => {
    await releaseAdvanceKey(deps.db, job.id);
    await advanceDeployment(advance, job.payload as AdvancePayload, job.now);
  });
}
