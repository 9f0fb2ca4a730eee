import type { Kysely } from "kysely";
import { fromJson, toJson } from "@/lib/db/json";
import type { Database } from "@/lib/db/schema";
import type { DeploymentStepDto, TargetStatus } from "@/lib/schemas/deployments";
import {
  type AdvancePayload,
  type DeploymentRow,
  enqueueAdvance,
  lockDeployment,
  type TargetRow,
  targetsOf,
} from "./deployment-store";
import { regionAvailability } from "./region-availability";
import {
  attachVolumes,
  type CreatedSet,
  deleteSet,
  provisionLoadBalancer,
  provisionTarget,
  systemContext,
} from "./region-resources";
import { serviceState } from "./service-state";
import type { ServiceTemplate, WaveState } from "./template";
import { recordTransition } from "./transitions";

export interface AdvanceDeps {
  db: Kysely<Database>;
  provisionDelayMs: number;
  /** How often a running target is looked at while its resources provision. */
  pollMs: number;
}

export const setOf = (target: Pick<TargetRow, "resource_ids">): CreatedSet => {
  // A target starts with "[]": nothing made yet.
  const set = fromJson<Partial<CreatedSet>>(target.resource_ids, {});
  return {
    instanceIds: set.instanceIds ?? [],
    volumeIds: set.volumeIds ?? [],
    loadBalancerId: set.loadBalancerId ?? null,
  };
};
const idsOf = (set: CreatedSet) => [
  ...set.instanceIds,
  ...set.volumeIds,
  ...(set.loadBalancerId ? [set.loadBalancerId] : []),
];

const FINISHED = new Set([
  "succeeded",
  "failed",
  "rolled_back",
  "rollback_failed",
  "canceled",
  "rejected",
]);

function setStep(
  target: TargetRow,
  name: string,
  status: DeploymentStepDto["status"],
  at: string,
  detail: string | null = null,
): string {
  const steps = fromJson<DeploymentStepDto[]>(target.steps, []);
  const next = steps.map((s) => {
    if (s.name !== name) return s;
    return {
      ...s,
      status,
      started_at: s.started_at ?? at,
      ended_at: status === "running" ? null : at,
      detail: detail ?? s.detail,
    };
  });
  target.steps = toJson(next);
  return target.steps;
}

async function saveTarget(trx: Kysely<Database>, target: TargetRow, changes: Partial<TargetRow>) {
  Object.assign(target, changes);
  await trx
    .updateTable("deployment_targets")
    .set({ ...changes, steps: target.steps })
    .where("id", "=", target.id)
    .execute();
}

async function saveDeployment(
  trx: Kysely<Database>,
  row: DeploymentRow,
  changes: Partial<DeploymentRow>,
) {
  Object.assign(row, changes);
  await trx.updateTable("deployments").set(changes).where("id", "=", row.id).execute();
}

async function resourceStatuses(db: Kysely<Database>, row: DeploymentRow, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("resources")
    .select(["id", "status", "type"])
    .where("project_id", "=", row.project_id)
    .where("environment", "=", row.environment)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}

async function resourceTypes(db: Kysely<Database>, row: DeploymentRow, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db
    .selectFrom("resources")
    .select(["id", "type"])
    .where("project_id", "=", row.project_id)
    .where("environment", "=", row.environment)
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.type]));
}

/**
 * One look at a deployment: the orchestration's only entry point, run as a durable job. Each
 * pass reads the stored state, does the next idempotent piece of work (resource creation keyed
 * per deployment, region and index), records what changed in one transaction that holds the
 * deployment's row lock, and schedules the next pass. A crash anywhere repeats at most the
 * current piece, which finds its resources already made.
 */
export async function advanceDeployment(
  deps: AdvanceDeps,
  payload: AdvancePayload,
  now: Date,
): Promise<void> {
  const { db } = deps;
  const scope = { projectId: payload.projectId, environment: payload.environment };
  const snapshot = await db
    .selectFrom("deployments")
    .selectAll()
    .where("id", "=", payload.deploymentId)
    .where("project_id", "=", scope.projectId)
    .where("environment", "=", scope.environment)
    .executeTakeFirst();
  if (!snapshot) return;
  if (snapshot.status === "succeeded") {
    await cutOver(deps, snapshot, now);
    return;
  }
  if (FINISHED.has(snapshot.status) || snapshot.status === "awaiting_approval") return;
  const template = fromJson<ServiceTemplate>(snapshot.template, {
    size: "",
    image: "",
    count: 0,
    load_balancer: false,
    volume_gb: null,
  });
  const sys = systemContext(snapshot, db, now);
  const availability = await regionAvailability(db);

  // Work outside the transaction first (resource creation opens its own transactions), then
  // record it. Both are safe to repeat.
  if (snapshot.status === "rolling_back") {
    await runRollback(deps, snapshot, now);
    return;
  }
  const waves = fromJson<WaveState[]>(snapshot.waves, []);
  const waveIndex = snapshot.current_wave ?? 0;
  const wave = waves[waveIndex];
  const targets = (await targetsOf(db, snapshot)).filter((t) => t.wave === waveIndex);

  const paused = snapshot.status === "paused";
  if (wave && (snapshot.status === "in_progress" || paused)) {
    for (const target of targets) {
      if (
        target.status === "pending" &&
        !paused &&
        !target.removes &&
        availability.get(target.region)
      ) {
        const set = await provisionTarget(sys, snapshot, target, template, deps.provisionDelayMs);
        target.resource_ids = toJson(set);
      }
      if (target.status === "in_progress" && template.load_balancer) {
        const set = setOf(target);
        const statuses = await resourceStatuses(db, snapshot, set.instanceIds);
        if (
          set.loadBalancerId === null &&
          set.instanceIds.every((id) => statuses.get(id) === "active")
        ) {
          set.loadBalancerId = await provisionLoadBalancer(
            sys,
            snapshot,
            target,
            set.instanceIds,
            deps.provisionDelayMs,
          );
          target.resource_ids = toJson(set);
        }
      }
      if (target.status === "in_progress" && template.volume_gb !== null) {
        const set = setOf(target);
        const statuses = await resourceStatuses(db, snapshot, idsOf(set));
        if (idsOf(set).every((id) => statuses.get(id) === "active")) await attachVolumes(sys, set);
      }
    }
  }

  await db.transaction().execute(async (trx) => {
    const row = await lockDeployment(trx, scope, snapshot.id);
    if (row.status !== snapshot.status || row.current_wave !== snapshot.current_wave) {
      // Another pass or an action moved it meanwhile: look again at once.
      await enqueueAdvance(trx, row, now);
      return;
    }
    const at = now.toISOString();
    if (row.status === "queued") {
      await saveDeployment(trx, row, { status: "in_progress", current_wave: 0, updated_at: at });
      await recordTransition(trx, null, row, "deployment.started", {}, now);
      await startWave(trx, row, waves, 0, now);
      return;
    }
    if (!wave) return;
    const stored = await targetsOf(trx, row);
    const current = stored.filter((t) => t.wave === waveIndex);
    let nextLook: Date | null = null;
    const lookAt = (when: Date) => {
      if (nextLook === null || when < nextLook) nextLook = when;
    };
    for (const target of current) {
      const worked = targets.find((t) => t.id === target.id);
      if (worked) target.resource_ids = worked.resource_ids;
      const available = availability.get(target.region) === true;
      if (target.status === "pending") {
        if (row.status === "paused") continue;
        if (!available) {
          await failTarget(
            trx,
            row,
            target,
            "provision",
            `region ${target.region} is unavailable`,
            now,
          );
          continue;
        }
        if (target.removes === 1) {
          setStep(target, "remove", "succeeded", at);
          await saveTarget(trx, target, {
            status: "succeeded",
            started_at: at,
            ended_at: at,
            updated_at: at,
          });
          continue;
        }
        setStep(
          target,
          "provision",
          "succeeded",
          at,
          `${idsOf(setOf(target)).length} resources requested`,
        );
        setStep(target, "health_check", "running", at);
        await saveTarget(trx, target, {
          status: "in_progress",
          started_at: at,
          resource_ids: target.resource_ids,
          updated_at: at,
        });
        lookAt(new Date(now.getTime() + deps.pollMs));
        continue;
      }
      if (target.status === "in_progress") {
        const set = setOf(target);
        const ids = idsOf(set);
        const statuses = await resourceStatuses(trx, row, ids);
        const deadline = Date.parse(target.started_at ?? at) + row.progress_deadline_seconds * 1000;
        const failed = ids.filter((id) => statuses.get(id) === "failed" || !statuses.has(id));
        const needsLb = template.load_balancer && set.loadBalancerId === null;
        const healthy =
          !needsLb && ids.length > 0 && ids.every((id) => statuses.get(id) === "active");
        if (!available) {
          await failTarget(
            trx,
            row,
            target,
            "health_check",
            `region ${target.region} became unavailable`,
            now,
          );
        } else if (failed.length > 0) {
          await failTarget(
            trx,
            row,
            target,
            "health_check",
            `${failed.length} resources failed`,
            now,
          );
        } else if (healthy) {
          setStep(target, "health_check", "succeeded", at, `${ids.length} resources active`);
          setStep(target, "bake", "running", at);
          const bakeUntil = new Date(now.getTime() + wave.bake_seconds * 1000);
          await saveTarget(trx, target, {
            status: "baking",
            bake_until: bakeUntil.toISOString(),
            resource_ids: target.resource_ids,
            updated_at: at,
          });
          lookAt(bakeUntil);
        } else if (now.getTime() >= deadline) {
          await failTarget(
            trx,
            row,
            target,
            "health_check",
            `not healthy within progress_deadline_seconds (${row.progress_deadline_seconds})`,
            now,
          );
        } else {
          await saveTarget(trx, target, { resource_ids: target.resource_ids, updated_at: at });
          lookAt(new Date(Math.min(now.getTime() + deps.pollMs, deadline)));
        }
        continue;
      }
      if (target.status === "baking") {
        const until = Date.parse(target.bake_until ?? at);
        const statuses = await resourceStatuses(trx, row, idsOf(setOf(target)));
        const stillHealthy = [...statuses.values()].every((s) => s === "active");
        if (!available || !stillHealthy) {
          await failTarget(
            trx,
            row,
            target,
            "bake",
            available
              ? "a resource left active while baking"
              : `region ${target.region} became unavailable`,
            now,
          );
        } else if (now.getTime() >= until) {
          setStep(target, "bake", "succeeded", at);
          await saveTarget(trx, target, { status: "succeeded", ended_at: at, updated_at: at });
          await recordTransition(
            trx,
            null,
            row,
            "deployment.target_succeeded",
            { region: target.region, wave: target.wave },
            now,
          );
        } else {
          lookAt(new Date(until));
        }
      }
    }

    if (current.some((t) => t.status === "failed")) {
      await onWaveFailure(trx, row, stored, now);
      return;
    }
    if (current.every((t) => t.status === "succeeded")) {
      if (waveIndex + 1 < waves.length) {
        if (row.status === "paused") return; // resume starts the next wave
        await saveDeployment(trx, row, { current_wave: waveIndex + 1, updated_at: at });
        await startWave(trx, row, waves, waveIndex + 1, now);
        return;
      }
      await saveDeployment(trx, row, {
        status: "succeeded",
        current_wave: null,
        active_service: null,
        finished_at: at,
        updated_at: at,
      });
      await enqueueAdvance(trx, row, now); // the cutover pass below deletes the old revision
      await recordTransition(trx, null, row, "deployment.succeeded", {}, now);
      return;
    }
    // Paused: running targets finish; nothing is looked at again until resume once they have.
    if (row.status === "paused" && nextLook === null) return;
    await enqueueAdvance(trx, row, now, nextLook ?? new Date(now.getTime() + deps.pollMs));
  });
}

async function startWave(
  trx: Kysely<Database>,
  row: DeploymentRow,
  waves: WaveState[],
  index: number,
  now: Date,
) {
  const wave = waves[index];
  if (!wave) return;
  const at = now.toISOString();
  if (wave.approval_required && wave.approved_by === null) {
    await saveDeployment(trx, row, { status: "awaiting_approval", updated_at: at });
    await recordTransition(
      trx,
      null,
      row,
      "deployment.awaiting_approval",
      { wave: index, regions: wave.regions },
      now,
    );
    return;
  }
  await recordTransition(
    trx,
    null,
    row,
    "deployment.wave_started",
    { wave: index, regions: wave.regions },
    now,
  );
  await enqueueAdvance(trx, row, now);
}

async function failTarget(
  trx: Kysely<Database>,
  row: DeploymentRow,
  target: TargetRow,
  step: string,
  detail: string,
  now: Date,
) {
  const at = now.toISOString();
  setStep(target, step, "failed", at, detail);
  await saveTarget(trx, target, { status: "failed", ended_at: at, updated_at: at });
  await recordTransition(
    trx,
    null,
    row,
    "deployment.target_failed",
    { region: target.region, wave: target.wave, reason: detail },
    now,
  );
}

async function onWaveFailure(
  trx: Kysely<Database>,
  row: DeploymentRow,
  targets: TargetRow[],
  now: Date,
) {
  const at = now.toISOString();
  const reason = targets
    .filter((t) => t.status === "failed")
    .map(
      (t) =>
        `${t.region}: ${fromJson<DeploymentStepDto[]>(t.steps, []).find((s) => s.status === "failed")?.detail ?? "failed"}`,
    )
    .join("; ");
  for (const t of targets) {
    if (t.status === "pending") await saveTarget(trx, t, { status: "skipped", updated_at: at });
  }
  if (row.on_failure === "halt") {
    await saveDeployment(trx, row, {
      status: "failed",
      failure_reason: reason,
      active_service: null,
      finished_at: at,
      updated_at: at,
    });
    await recordTransition(trx, null, row, "deployment.failed", { reason }, now);
    return;
  }
  await saveDeployment(trx, row, {
    status: "rolling_back",
    failure_reason: reason,
    updated_at: at,
  });
  await recordTransition(trx, null, row, "deployment.rolling_back", { reason }, now);
  await enqueueAdvance(trx, row, now);
}

/**
 * Deletes what this deployment made in every region it changed; the old revision was never
 * touched (blue/green), so it keeps serving. A failure to delete is rollback_failed, and stays.
 */
async function runRollback(deps: AdvanceDeps, snapshot: DeploymentRow, now: Date) {
  const { db } = deps;
  const sys = systemContext(snapshot, db, now);
  const targets = await targetsOf(db, snapshot);
  const touched = targets.filter((t) => idsOf(setOf(t)).length > 0 && t.status !== "rolled_back");
  let problem: string | null = null;
  for (const t of touched) {
    const ids = idsOf(setOf(t));
    try {
      await deleteSet(sys, ids, await resourceTypes(db, snapshot, ids), deps.provisionDelayMs);
    } catch (error) {
      problem = `${t.region}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  await db.transaction().execute(async (trx) => {
    const row = await lockDeployment(
      trx,
      { projectId: snapshot.project_id, environment: snapshot.environment },
      snapshot.id,
    );
    if (row.status !== "rolling_back") return;
    const at = now.toISOString();
    for (const t of touched) {
      if (problem === null) await saveTarget(trx, t, { status: "rolled_back", updated_at: at });
    }
    const status = problem === null ? (row.final_status ?? "rolled_back") : "rollback_failed";
    await saveDeployment(trx, row, {
      status,
      failure_reason:
        problem === null ? row.failure_reason : `${row.failure_reason ?? ""}; rollback: ${problem}`,
      active_service: null,
      finished_at: at,
      updated_at: at,
    });
    await recordTransition(
      trx,
      null,
      row,
      `deployment.${status}`,
      problem ? { reason: problem } : {},
      now,
    );
  });
}

/**
 * After a deployment succeeded: the previous revision's resources in each region it replaced
 * (and in the regions it left) are deleted. Repeating it deletes nothing twice.
 */
export async function cutOver(deps: AdvanceDeps, row: DeploymentRow, now: Date): Promise<void> {
  const { db } = deps;
  const sys = systemContext(row, db, now);
  const targets = await targetsOf(db, row);
  if (
    !targets.some(
      (t) =>
        t.status === "succeeded" &&
        fromJson<DeploymentStepDto[]>(t.steps, []).some(
          (s) =>
            (s.name === "cutover" || s.name === "remove") &&
            s.status !== "succeeded" &&
            t.removes === (s.name === "remove" ? 1 : 0),
        ),
    )
  )
    return;
  const state = await serviceState(
    db,
    { projectId: row.project_id, environment: row.environment },
    row.service,
    row.id,
  );
  for (const region of state.regions.values()) {
    await deleteSet(
      sys,
      region.resourceIds,
      await resourceTypes(db, row, region.resourceIds),
      deps.provisionDelayMs,
    );
  }
  const at = now.toISOString();
  for (const t of targets) {
    if (t.status !== "succeeded") continue;
    setStep(t, t.removes === 1 ? "remove" : "cutover", "succeeded", at);
    await db
      .updateTable("deployment_targets")
      .set({ steps: t.steps })
      .where("id", "=", t.id)
      .execute();
  }
}

export type { TargetStatus };
