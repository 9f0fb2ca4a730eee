import { MAX_LOAD_BALANCER_TARGETS } from "@/lib/catalog/resources";
import { fromJson, toJson } from "@/lib/db/json";
import { conflict } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { LoadBalancerAction, LoadBalancerSpec } from "@/lib/schemas/resources";
import { addAttachment, removeAttachment } from "./attachments";
import { recordResourceChange } from "./record-change";
import { lockReference } from "./resolve-spec";
import { type ResourceRow, requireLockedResource, updateResourceRow } from "./resource-store";
import { requireSettled } from "./state-guards";

export interface LoadBalancerActionInput {
  id: string;
  action: LoadBalancerAction;
}

/** add_target / remove_target: instances in the load balancer's region; a target cannot be deleted. */
export async function runLoadBalancerAction(
  ctx: DomainContext,
  input: LoadBalancerActionInput,
): Promise<ResourceRow> {
  const { principal } = ctx;
  requireScope(principal, "resources:write");
  const { action } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const lb = await requireLockedResource(trx, principal, input.id, "load_balancer");
    requireSettled(lb, action.type === "add_target" ? "add a target" : "remove a target");
    const spec = fromJson<LoadBalancerSpec>(lb.spec, {
      algorithm: "round_robin",
      target_ids: [],
      network_id: null,
    });
    const label = `Load balancer ${lb.id}`;
    const targetId = action.instance_id;
    const edge = { kind: "lb_target" as const, resourceId: lb.id, targetId };
    const at = ctx.now.toISOString();

    if (action.type === "add_target") {
      if (spec.target_ids.includes(targetId)) {
        throw conflict(`Instance ${targetId} is already a target of ${label}`);
      }
      if (spec.target_ids.length >= MAX_LOAD_BALANCER_TARGETS) {
        throw conflict(`${label} already has the maximum of ${MAX_LOAD_BALANCER_TARGETS} targets`);
      }
      await lockReference(trx, principal, "instance_id", targetId, "instance", lb.region);
      const updated = await updateResourceRow(trx, lb, {
        spec: toJson({ ...spec, target_ids: [...spec.target_ids, targetId] }),
        updated_at: at,
      });
      await addAttachment(trx, principal, edge, ctx.now);
      await recordResourceChange(
        trx,
        ctx,
        updated,
        "load_balancer.target_added",
        { instance_id: targetId },
        lb,
      );
      return updated;
    }

    if (!spec.target_ids.includes(targetId)) {
      throw conflict(`Instance ${targetId} is not a target of ${label}`);
    }
    const updated = await updateResourceRow(trx, lb, {
      spec: toJson({ ...spec, target_ids: spec.target_ids.filter((id) => id !== targetId) }),
      updated_at: at,
    });
    await removeAttachment(trx, principal, edge);
    await recordResourceChange(
      trx,
      ctx,
      updated,
      "load_balancer.target_removed",
      { instance_id: targetId },
      lb,
    );
    return updated;
  });
}
