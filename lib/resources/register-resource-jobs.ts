import type { JobDeps } from "@/lib/jobs/job-deps";
import { failProvisioning, finishDeprovisioning, finishProvisioning } from "./provision-jobs";
import { DEPROVISION_JOB, PROVISION_JOB, SANDBOX_RESET_JOB } from "./resource-jobs";
import { runSandboxReset } from "./sandbox-reset";

/** The resource jobs: provisioning, deprovisioning and the daily sandbox reset. */
export function registerResourceJobs(deps: Pick<JobDeps, "db" | "jobs">): void {
  const { db, jobs } = deps;
  jobs.register(PROVISION_JOB, (job) => finishProvisioning(db, job), {
    onGiveUp: (job) => failProvisioning(db, job),
  });
  jobs.register(DEPROVISION_JOB, (job) => finishDeprovisioning(db, job));
  jobs.register(SANDBOX_RESET_JOB, (job) => runSandboxReset(db, job));
}
