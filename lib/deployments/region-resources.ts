import { SCOPES } from "@/lib/catalog/scopes";
import { fromJson } from "@/lib/db/json";
import { inTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { DomainContext, Principal } from "@/lib/principal";
import { createResource } from "@/lib/resources/create-resource";
import { deleteResource } from "@/lib/resources/delete-resource";
import { runVolumeAction } from "@/lib/resources/volume-action";
import type { DeploymentRow, TargetRow } from "./deployment-store";
import type { ServiceTemplate } from "./template";

/** The orchestration acts for the project as the system, with the resource scopes. */
export function systemContext(
  row: DeploymentRow,
  db: DomainContext["db"],
  now: Date,
): DomainContext {
  const principal: Principal = {
    kind: "system",
    organizationId: row.organization_id,
    projectId: row.project_id,
    environment: row.environment,
    plan: "free",
    scopes: new Set(SCOPES),
    keyId: null,
    userId: null,
    role: null,
  };
  return { db, principal, now };
}

export interface CreatedSet {
  instanceIds: string[];
  volumeIds: string[];
  loadBalancerId: string | null;
}

/**
 * The target's resources, made through the resource domain with one idempotency key each
 * (deployment, region, role, index): after a crash the same call returns what the first attempt
 * made, so a resumed step never makes a second copy.
 */
function maker(
  ctx: DomainContext,
  row: DeploymentRow,
  target: TargetRow,
  provisionDelayMs: number,
) {
  const labels = { service: row.service, deployment: row.id };
  const base = `${row.service}-r${row.revision}-${target.region}`;
  return async (type: "instance" | "volume" | "load_balancer", i: number, spec: unknown) => {
    const suffix =
      type === "load_balancer" ? "lb" : `${type === "volume" ? "vol" : "web"}-${i + 1}`;
    const { row: made } = await createResource(ctx, {
      type,
      name: `${base}-${suffix}`,
      region: target.region,
      labels,
      spec,
      idempotencyKey: `${row.id}:${target.region}:${type}:${i}`,
      provisionDelayMs,
    });
    return made.id;
  };
}

/** The load balancer, once its instances are active (targets must have finished provisioning). */
export async function provisionLoadBalancer(
  ctx: DomainContext,
  row: DeploymentRow,
  target: TargetRow,
  instanceIds: string[],
  provisionDelayMs: number,
): Promise<string> {
  return maker(ctx, row, target, provisionDelayMs)("load_balancer", 0, { target_ids: instanceIds });
}

export async function provisionTarget(
  ctx: DomainContext,
  row: DeploymentRow,
  target: TargetRow,
  template: ServiceTemplate,
  provisionDelayMs: number,
): Promise<CreatedSet> {
  const make = maker(ctx, row, target, provisionDelayMs);
  const instanceIds: string[] = [];
  const volumeIds: string[] = [];
  for (let i = 0; i < template.count; i++) {
    instanceIds.push(await make("instance", i, { size: template.size, image: template.image }));
    if (template.volume_gb !== null)
      volumeIds.push(await make("volume", i, { size_gb: template.volume_gb }));
  }
  return { instanceIds, volumeIds, loadBalancerId: null };
}

/** Attaches volume i to instance i (skipped when it already is). */
export async function attachVolumes(ctx: DomainContext, set: CreatedSet): Promise<void> {
  if (set.volumeIds.length === 0) return;
  const volumes = await ctx.db
    .selectFrom("resources")
    .select(["id", "spec"])
    .where(inTenant(ctx.principal))
    .where("id", "in", set.volumeIds)
    .execute();
  const attached = new Set(
    volumes
      .filter(
        (v) => fromJson<{ attached_instance_id?: string | null }>(v.spec, {}).attached_instance_id,
      )
      .map((v) => v.id),
  );
  for (const [i, volumeId] of set.volumeIds.entries()) {
    const instanceId = set.instanceIds[i];
    if (!instanceId || attached.has(volumeId)) continue;
    await runVolumeAction(ctx, {
      id: volumeId,
      action: { type: "attach", instance_id: instanceId },
    });
  }
}

/**
 * Deletes a set of resources, users first (load balancer, then instances, which detaches their
 * volumes, then volumes). A resource already gone counts as deleted, so a retry is harmless.
 */
export async function deleteSet(
  ctx: DomainContext,
  ids: readonly string[],
  types: Map<string, string>,
  delayMs: number,
): Promise<void> {
  const order = ["load_balancer", "instance", "volume"];
  const sorted = [...ids].sort(
    (a, b) => order.indexOf(types.get(a) ?? "") - order.indexOf(types.get(b) ?? ""),
  );
  for (const id of sorted) {
    try {
      await deleteResource(ctx, { id, deprovisionDelayMs: delayMs });
    } catch (error) {
      if (!(error instanceof AppError && error.code === "not_found")) throw error;
    }
  }
}
