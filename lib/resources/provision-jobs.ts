import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import type { RunningJob } from "@/lib/jobs/job-runner";
import { emitResourceEvent } from "./record-change";
import type { ResourceJobPayload } from "./resource-jobs";
import { type ResourceRow, updateResourceRow } from "./resource-store";

async function lockForJob(
  trx: Kysely<Database>,
  payload: ResourceJobPayload,
): Promise<ResourceRow | undefined> {
  return trx
    .updateTable("resources")
    .set((eb) => ({ lock_version: eb("lock_version", "+", 1) }))
    .where("id", "=", payload.resourceId)
    .where(inTenant(payload))
    .returningAll()
    .executeTakeFirst();
}

/**
 * provisioning -> active, with `resource.active`. A resource deleted (or wiped with the sandbox)
 * before this ran is left alone: the job has nothing to do.
 */
export async function finishProvisioning(db: Kysely<Database>, job: RunningJob): Promise<void> {
  const payload = job.payload as ResourceJobPayload;
  await db.transaction().execute(async (trx) => {
    const row = await lockForJob(trx, payload);
    if (row?.status !== "provisioning" || row.deleted_at !== null) return;
    const at = job.now.toISOString();
    const active = await updateResourceRow(trx, row, {
      status: "active",
      active_at: at,
      updated_at: at,
    });
    await emitResourceEvent(trx, active, "resource.active", job.now);
  });
}

/** The provisioning job gave up (its last attempt failed): the resource is `failed`. */
export async function failProvisioning(db: Kysely<Database>, job: RunningJob): Promise<void> {
  const payload = job.payload as ResourceJobPayload;
  await db.transaction().execute(async (trx) => {
    const row = await lockForJob(trx, payload);
    if (row?.status !== "provisioning" || row.deleted_at !== null) return;
    const failed = await updateResourceRow(trx, row, {
      status: "failed",
      updated_at: job.now.toISOString(),
    });
    await emitResourceEvent(trx, failed, "resource.failed", job.now);
  });
}

/** deleting -> deleted: the end of deprovisioning (the API stopped showing it at DELETE). */
export async function finishDeprovisioning(db: Kysely<Database>, job: RunningJob): Promise<void> {
  const payload = job.payload as ResourceJobPayload;
  await db.transaction().execute(async (trx) => {
    const row = await lockForJob(trx, payload);
    if (row?.status !== "deleting") return;
    await updateResourceRow(trx, row, { status: "deleted" });
  });
}
