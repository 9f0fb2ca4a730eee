import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { ResourceRow } from "./resource-store";

export const PROVISION_JOB = "resource.provision";
export const DEPROVISION_JOB = "resource.deprovision";
export const SANDBOX_RESET_JOB = "sandbox.reset";

export const SANDBOX_RESET_PERIOD_MS = 24 * 60 * 60 * 1000;

/** What every resource job carries: enough to find the row with project and environment. */
export interface ResourceJobPayload {
  resourceId: string;
  projectId: string;
  environment: ResourceRow["environment"];
}

export interface SandboxResetPayload {
  projectId: string;
}

const payloadOf = (row: ResourceRow): ResourceJobPayload => ({
  resourceId: row.id,
  projectId: row.project_id,
  environment: row.environment,
});

export async function enqueueProvision(
  trx: Kysely<Database>,
  row: ResourceRow,
  now: Date,
  delayMs: number,
): Promise<void> {
  await enqueueJob(
    trx,
    {
      type: PROVISION_JOB,
      payload: payloadOf(row),
      runAt: new Date(now.getTime() + delayMs),
      uniqueKey: `${PROVISION_JOB}:${row.id}`,
    },
    now,
  );
}

export async function enqueueDeprovision(
  trx: Kysely<Database>,
  row: ResourceRow,
  now: Date,
  delayMs: number,
): Promise<void> {
  await enqueueJob(
    trx,
    {
      type: DEPROVISION_JOB,
      payload: payloadOf(row),
      runAt: new Date(now.getTime() + delayMs),
      uniqueKey: `${DEPROVISION_JOB}:${row.id}`,
    },
    now,
  );
}

/** Sandbox data resets daily at 00:00 UTC: the first reset after this instant. */
export function nextSandboxReset(now: Date): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight + SANDBOX_RESET_PERIOD_MS);
}

export const sandboxResetKey = (projectId: string) => `${SANDBOX_RESET_JOB}:${projectId}`;

/**
 * Makes sure the project's periodic sandbox reset is scheduled (one pending job per project,
 * thanks to the unique key; a no-op when it already is). Call it whenever sandbox data appears.
 */
export async function ensureSandboxReset(
  trx: Kysely<Database>,
  projectId: string,
  now: Date,
): Promise<void> {
  await enqueueJob(
    trx,
    {
      type: SANDBOX_RESET_JOB,
      payload: { projectId } satisfies SandboxResetPayload,
      runAt: nextSandboxReset(now),
      uniqueKey: sandboxResetKey(projectId),
    },
    now,
  );
}
