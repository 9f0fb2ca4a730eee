import type { Runtime } from "@/lib/runtime";
import "./demo-seed";
import { failProvisioning, finishDeprovisioning, finishProvisioning } from "./provision-jobs";
import { DEPROVISION_JOB, PROVISION_JOB, SANDBOX_RESET_JOB } from "./resource-jobs";
import { runSandboxReset } from "./sandbox-reset";

/** The resource jobs: provisioning, deprovisioning and the daily sandbox reset. */
export function registerResourceJobs(runtime: Runtime): void {
  const { db } = runtime.store;
  runtime.jobs.register(PROVISION_JOB, (job) => finishProvisioning(db, job), {
    onGiveUp: (job) => failProvisioning(db, job),
  });
  runtime.jobs.register(DEPROVISION_JOB, (job) => finishDeprovisioning(db, job));
  runtime.jobs.register(SANDBOX_RESET_JOB, (job) => runSandboxReset(db, job));
}
