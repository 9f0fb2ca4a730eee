import { toJson } from "@/lib/db/json";
import { inTenant } from "@/lib/db/tenant";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { IDEMPOTENCY_RETENTION_MS } from "@/lib/idempotency/claim-key";
import { newId } from "@/lib/ids";
import { type DomainContext, requireScope } from "@/lib/principal";
import {
  DEFAULT_PROGRESS_DEADLINE_SECONDS,
  type DeploymentDto,
  type DeploymentInput,
} from "@/lib/schemas/deployments";
import { actingUserId } from "./acting-user";
import { type DeploymentRow, enqueueAdvance, initialSteps } from "./deployment-store";
import { deploymentById } from "./get-deployments";
import { prepareDeployment } from "./plan-deployment";
import { recordTransition } from "./transitions";

export interface CreateDeploymentInput extends DeploymentInput {
  idempotencyKey?: string | undefined;
  /** For a rollback of a finished deployment: the one rolled back. */
  rollbackOf?: string | null;
}

async function activeOf(ctx: DomainContext, service: string) {
  return ctx.db
    .selectFrom("deployments")
    .select(["id", "status"])
    .where(inTenant(ctx.principal))
    .where("active_service", "=", service)
    .executeTakeFirst();
}

/**
 * Queues a deployment and its first orchestration job in one transaction. One active deployment
 * per service is held by a unique index (409 deployment_in_progress, naming it); a plan_id
 * whose base moved (or that expired) is 409 plan_stale.
 */
export async function createDeployment(
  ctx: DomainContext,
  input: CreateDeploymentInput,
): Promise<DeploymentRow> {
  const { principal } = ctx;
  requireScope(principal, "deployments:write");
  const key = input.idempotencyKey ?? null;
  if (key !== null) {
    const existing = await ctx.db
      .selectFrom("deployments")
      .selectAll()
      .where(inTenant(principal))
      .where("idempotency_key", "=", key)
      .executeTakeFirst();
    if (existing && Date.parse(existing.created_at) > ctx.now.getTime() - IDEMPOTENCY_RETENTION_MS)
      return existing;
  }
  const prepared = await prepareDeployment(ctx.db, principal, input);
  if (input.plan_id !== undefined) {
    const plan = await ctx.db
      .selectFrom("deployment_plans")
      .select(["base_deployment_id", "expires_at", "service"])
      .where(inTenant(principal))
      .where("id", "=", input.plan_id)
      .executeTakeFirst();
    if (!plan || plan.service !== input.service) {
      throw new AppError(
        "validation_failed",
        `plan ${input.plan_id} is not a plan of ${input.service}`,
        {
          errors: [
            {
              field: "plan_id",
              code: "invalid_plan",
              message: `no plan ${input.plan_id} for service ${input.service}`,
            },
          ],
        },
      );
    }
    if (Date.parse(plan.expires_at) <= ctx.now.getTime()) {
      throw new AppError(
        "plan_stale",
        `plan ${input.plan_id} expired at ${plan.expires_at}; make a new plan`,
      );
    }
    if (plan.base_deployment_id !== prepared.state.baseDeploymentId) {
      throw new AppError(
        "plan_stale",
        `plan ${input.plan_id} was made against ${plan.base_deployment_id ?? "no deployment"}, but the service now runs ${prepared.state.baseDeploymentId ?? "nothing"}; make a new plan`,
      );
    }
  }
  const active = await activeOf(ctx, input.service);
  if (active) {
    throw new AppError(
      "deployment_in_progress",
      `deployment ${active.id} of service ${input.service} is ${active.status}; wait for it to finish`,
    );
  }

  const at = ctx.now.toISOString();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const last = await trx
        .selectFrom("deployments")
        .select((eb) => eb.fn.max("revision").as("revision"))
        .where(inTenant(principal))
        .where("service", "=", input.service)
        .executeTakeFirst();
      const row: DeploymentRow = {
        id: newId("dep"),
        organization_id: principal.organizationId,
        project_id: principal.projectId,
        environment: principal.environment,
        service: input.service,
        revision: Number(last?.revision ?? 0) + 1,
        status: "queued",
        template: toJson(prepared.template),
        regions: toJson(input.regions),
        strategy: toJson(input.strategy ?? { type: "rolling" }),
        waves: toJson(prepared.waves),
        current_wave: null,
        on_failure: input.on_failure ?? "rollback",
        progress_deadline_seconds:
          input.progress_deadline_seconds ?? DEFAULT_PROGRESS_DEADLINE_SECONDS,
        base_deployment_id: prepared.state.baseDeploymentId,
        rollback_of: input.rollbackOf ?? null,
        created_by_user_id: await actingUserId(trx, principal),
        created_by_key_id: principal.keyId,
        failure_reason: null,
        final_status: null,
        idempotency_key: key,
        active_service: input.service,
        created_at: at,
        updated_at: at,
        finished_at: null,
      };
      await trx.insertInto("deployments").values(row).execute();
      const lastWave = prepared.waves.length - 1;
      const targets = [
        ...prepared.waves.flatMap((w) =>
          w.regions.map((region) => ({ region, wave: w.index, removes: false })),
        ),
        // Regions the new revision leaves are emptied once every wave has succeeded.
        ...prepared.removed.map((region) => ({ region, wave: lastWave, removes: true })),
      ];
      for (const [position, t] of targets.entries()) {
        await trx
          .insertInto("deployment_targets")
          .values({
            id: newId("dtg"),
            deployment_id: row.id,
            organization_id: row.organization_id,
            project_id: row.project_id,
            environment: row.environment,
            region: t.region,
            wave: t.wave,
            position,
            removes: t.removes ? 1 : 0,
            status: "pending",
            steps: toJson(initialSteps(t.removes)),
            resource_ids: "[]",
            started_at: null,
            bake_until: null,
            ended_at: null,
            updated_at: at,
          })
          .execute();
      }
      await recordTransition(
        trx,
        ctx,
        row,
        "deployment.created",
        { regions: input.regions },
        ctx.now,
      );
      await enqueueAdvance(trx, row, ctx.now);
      return row;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await activeOf(ctx, input.service);
    throw new AppError(
      "deployment_in_progress",
      `deployment ${winner?.id ?? "another deployment"} of service ${input.service} is in progress`,
    );
  }
}

/** POST /v1/deployments: creates the deployment and answers it as GET would. */
export async function startDeployment(
  ctx: DomainContext,
  input: CreateDeploymentInput,
): Promise<DeploymentDto> {
  const row = await createDeployment(ctx, input);
  return deploymentById(ctx, row.id);
}
