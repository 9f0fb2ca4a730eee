import { fromJson, toJson } from "@/lib/db/json";
import { inTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { DeploymentDto, DeploymentInput, StrategyInput } from "@/lib/schemas/deployments";
import { actingUserId } from "./acting-user";
import { createDeployment } from "./create-deployment";
import { type DeploymentRow, enqueueAdvance, lockDeployment, targetsOf } from "./deployment-store";
import { deploymentById } from "./get-deployments";
import type { ServiceTemplate, WaveState } from "./template";
import { recordTransition } from "./transitions";

export const DEPLOYMENT_ACTIONS = [
  "pause",
  "resume",
  "cancel",
  "approve",
  "reject",
  "rollback",
] as const;
export type DeploymentAction = (typeof DEPLOYMENT_ACTIONS)[number];

const ACTIVE = ["queued", "in_progress", "paused", "awaiting_approval"];

const forbiddenIn = (action: string, row: DeploymentRow) =>
  new AppError("conflict", `Deployment ${row.id} is ${row.status}; it cannot ${action} now`);

/** Whether the acting member (or the member behind the key) made the deployment. */
async function isCreator(ctx: DomainContext, row: DeploymentRow): Promise<boolean> {
  const { principal } = ctx;
  if (principal.keyId !== null && principal.keyId === row.created_by_key_id) return true;
  const user = await actingUserId(ctx.db, principal);
  return user !== null && user === row.created_by_user_id;
}

/**
 * The actions on a deployment, each allowed only in some states (409 naming the state
 * otherwise). Rollback of a finished deployment answers the new deployment that redeploys the
 * previous succeeded revision; every other action answers this deployment's id.
 */
export async function runDeploymentAction(
  ctx: DomainContext,
  id: string,
  action: DeploymentAction,
  idempotencyKey?: string,
): Promise<string> {
  const { principal } = ctx;
  requireScope(principal, "deployments:write");
  const scope = principal;
  if (action === "approve" || action === "reject") {
    const row = await lockDeployment(ctx.db, scope, id);
    if (await isCreator(ctx, row)) {
      throw new AppError(
        "forbidden",
        `Deployment ${row.id} must be ${action === "approve" ? "approved" : "rejected"} by a member other than the one who created it`,
      );
    }
  }
  if (action === "rollback") {
    const row = await lockDeployment(ctx.db, scope, id);
    if (!ACTIVE.includes(row.status) && row.status !== "rolling_back") {
      return (await redeployPrevious(ctx, row, idempotencyKey)).id;
    }
  }
  const actor = await actingUserId(ctx.db, principal);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await lockDeployment(trx, scope, id);
    const at = ctx.now.toISOString();
    const set = async (
      changes: Partial<DeploymentRow>,
      event: string,
      data: Record<string, unknown> = {},
    ) => {
      Object.assign(row, changes);
      await trx
        .updateTable("deployments")
        .set({ ...changes, updated_at: at })
        .where("id", "=", row.id)
        .execute();
      await recordTransition(trx, { ...ctx, db: trx }, row, event, data, ctx.now);
      await enqueueAdvance(trx, row, ctx.now);
    };
    const unwind = async (final: string, event: string) => {
      const targets = await targetsOf(trx, row);
      for (const t of targets) {
        if (t.status === "pending") {
          await trx
            .updateTable("deployment_targets")
            .set({ status: "skipped", updated_at: at })
            .where("id", "=", t.id)
            .execute();
        }
      }
      const touched = targets.some((t) => t.resource_ids !== "[]");
      if (touched) await set({ status: "rolling_back", final_status: final }, event);
      else await set({ status: final, active_service: null, finished_at: at }, event);
    };
    switch (action) {
      case "pause":
        if (row.status !== "queued" && row.status !== "in_progress")
          throw forbiddenIn("pause", row);
        return set({ status: "paused" }, "deployment.paused");
      case "resume":
        if (row.status !== "paused") throw forbiddenIn("resume", row);
        return set(
          { status: row.current_wave === null ? "queued" : "in_progress" },
          "deployment.resumed",
        );
      case "cancel":
        if (!ACTIVE.includes(row.status)) throw forbiddenIn("cancel", row);
        return unwind("canceled", "deployment.canceled");
      case "reject":
        if (row.status !== "awaiting_approval") throw forbiddenIn("reject", row);
        return unwind("rejected", "deployment.rejected");
      case "approve": {
        if (row.status !== "awaiting_approval") throw forbiddenIn("approve", row);
        const waves = fromJson<WaveState[]>(row.waves, []);
        const index = row.current_wave ?? 0;
        const next = waves.map((w) =>
          w.index === index ? { ...w, approved_by: actor ?? principal.keyId } : w,
        );
        await set({ status: "in_progress", waves: toJson(next) }, "deployment.approved", {
          wave: index,
        });
        await recordTransition(
          trx,
          { ...ctx, db: trx },
          row,
          "deployment.wave_started",
          { wave: index, regions: waves[index]?.regions ?? [] },
          ctx.now,
        );
        return;
      }
      case "rollback":
        if (!ACTIVE.includes(row.status)) throw forbiddenIn("roll back", row);
        return unwind("rolled_back", "deployment.rollback_requested");
    }
  });
  return id;
}

/** A finished deployment's rollback: the service's previous succeeded revision, deployed anew. */
async function redeployPrevious(ctx: DomainContext, row: DeploymentRow, idempotencyKey?: string) {
  const previous = await ctx.db
    .selectFrom("deployments")
    .selectAll()
    .where(inTenant(ctx.principal))
    .where("service", "=", row.service)
    .where("status", "=", "succeeded")
    .where("revision", "<", row.revision)
    .orderBy("revision", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!previous) {
    throw new AppError(
      "conflict",
      `Deployment ${row.id} is ${row.status} and service ${row.service} has no earlier succeeded revision to roll back to`,
    );
  }
  const template = fromJson<ServiceTemplate>(previous.template, {
    size: "",
    image: "",
    count: 1,
    load_balancer: false,
    volume_gb: null,
  });
  const input: DeploymentInput = {
    service: row.service,
    template: {
      size: template.size as NonNullable<DeploymentInput["template"]["size"]>,
      image: template.image as NonNullable<DeploymentInput["template"]["image"]>,
      count: template.count,
      load_balancer: template.load_balancer,
      ...(template.volume_gb === null ? {} : { volume_gb: template.volume_gb }),
    },
    regions: fromJson<string[]>(previous.regions, []),
    strategy: fromJson<StrategyInput>(previous.strategy, { type: "rolling" }),
    on_failure: previous.on_failure === "halt" ? "halt" : "rollback",
    progress_deadline_seconds: Number(previous.progress_deadline_seconds),
  };
  return createDeployment(ctx, { ...input, idempotencyKey, rollbackOf: row.id });
}

/** POST /v1/deployments/{id}/{action}: runs it and answers the deployment it concerns. */
export async function deploymentAction(
  ctx: DomainContext,
  id: string,
  action: DeploymentAction,
  idempotencyKey?: string,
): Promise<DeploymentDto> {
  return deploymentById(ctx, await runDeploymentAction(ctx, id, action, idempotencyKey));
}
