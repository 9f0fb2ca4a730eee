import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { RunningJob } from "@/lib/jobs/job-runner";
import {
  nextSandboxReset,
  SANDBOX_RESET_JOB,
  type SandboxResetPayload,
  sandboxResetKey,
} from "./resource-jobs";

export interface SandboxResetResult {
  resources: number;
  events: number;
}

/**
 * Wipes one project's sandbox (environment `test`): resources, their labels and attachments,
 * and its events. Live data is never touched: every statement is pinned to environment test.
 */
export async function wipeSandbox(
  trx: Kysely<Database>,
  projectId: string,
): Promise<SandboxResetResult> {
  const sandbox = { projectId, environment: "test" } as const;
  await trx.deleteFrom("resource_attachments").where(inTenant(sandbox)).execute();
  await trx.deleteFrom("resource_labels").where(inTenant(sandbox)).execute();
  const resources = await trx.deleteFrom("resources").where(inTenant(sandbox)).executeTakeFirst();
  const events = await trx.deleteFrom("events").where(inTenant(sandbox)).executeTakeFirst();
  return {
    resources: Number(resources.numDeletedRows),
    events: Number(events.numDeletedRows),
  };
}

/**
 * The periodic job: wipe, then schedule the next run (next 00:00 UTC). The job first gives up
 * its unique key so the next one can take it; a rerun after a crash finds the next one already
 * there and adds nothing.
 */
export async function runSandboxReset(db: Kysely<Database>, job: RunningJob): Promise<void> {
  const { projectId } = job.payload as SandboxResetPayload;
  await db.transaction().execute(async (trx) => {
    await wipeSandbox(trx, projectId);
    await trx.updateTable("jobs").set({ unique_key: null }).where("id", "=", job.id).execute();
    await enqueueJob(
      trx,
      {
        type: SANDBOX_RESET_JOB,
        payload: { projectId } satisfies SandboxResetPayload,
        runAt: nextSandboxReset(job.now),
        uniqueKey: sandboxResetKey(projectId),
      },
      job.now,
    );
  });
}
