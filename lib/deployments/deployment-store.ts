import type { Kysely, Selectable } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { DeploymentsTable, DeploymentTargetsTable } from "@/lib/db/schema-deployments";
import { inTenant, type TenantScope } from "@/lib/db/tenant";
import { notFound } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { DeploymentStepDto } from "@/lib/schemas/deployments";

export type DeploymentRow = Selectable<DeploymentsTable>;
export type TargetRow = Selectable<DeploymentTargetsTable>;

export const ADVANCE_JOB = "deployment.advance";

export interface AdvancePayload {
  deploymentId: string;
  projectId: string;
  environment: DeploymentRow["environment"];
}

/**
 * Schedules the next look at a deployment: at most one pending per deployment (the unique key),
 * brought forward when asked for sooner (a resume or an approval during a long bake).
 */
export async function enqueueAdvance(
  trx: Kysely<Database>,
  row: Pick<DeploymentRow, "id" | "project_id" | "environment">,
  now: Date,
  runAt: Date = now,
): Promise<void> {
  const payload: AdvancePayload = {
    deploymentId: row.id,
    projectId: row.project_id,
    environment: row.environment,
  };
  const uniqueKey = `${ADVANCE_JOB}:${row.id}`;
  const id = await enqueueJob(trx, { type: ADVANCE_JOB, payload, runAt, uniqueKey }, now);
  if (id !== null) return;
  await trx
    .updateTable("jobs")
    .set({ run_at: runAt.toISOString() })
    .where("unique_key", "=", uniqueKey)
    .where("run_at", ">", runAt.toISOString())
    .where("locked_by", "is", null)
    .execute();
}

/** A running pass gives up its unique key first, so the pass it schedules can take it. */
export async function releaseAdvanceKey(db: Kysely<Database>, jobId: string): Promise<void> {
  await db.updateTable("jobs").set({ unique_key: null }).where("id", "=", jobId).execute();
}

/**
 * The deployment, locked until the transaction ends: a no-op update takes the row lock on both
 * stores (as lockResource does), so two instances never move one deployment at once.
 */
export async function lockDeployment(
  trx: Kysely<Database>,
  scope: TenantScope,
  id: string,
): Promise<DeploymentRow> {
  const row = await trx
    .updateTable("deployments")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where(inTenant(scope))
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound(`Deployment ${id}`);
  return row;
}

export async function targetsOf(db: Kysely<Database>, row: DeploymentRow): Promise<TargetRow[]> {
  return db
    .selectFrom("deployment_targets")
    .selectAll()
    .where("deployment_id", "=", row.id)
    .where(inTenant({ projectId: row.project_id, environment: row.environment }))
    .orderBy("position")
    .execute();
}

export const STEP_NAMES = ["provision", "health_check", "bake", "cutover"] as const;

export function initialSteps(removes: boolean): DeploymentStepDto[] {
  const names = removes ? ["remove"] : STEP_NAMES;
  return names.map((name) => ({
    name,
    status: "pending",
    started_at: null,
    ended_at: null,
    detail: null,
  }));
}
