import { fromJson, toJson } from "@/lib/db/json";
import { conflict } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { VolumeAction, VolumeSpec } from "@/lib/schemas/resources";
import { addAttachment, describeResource, removeAttachment } from "./attachments";
import { recordResourceChange } from "./record-change";
import { lockReference } from "./resolve-spec";
import {
  lockResource,
  type ResourceRow,
  requireLockedResource,
  updateResourceRow,
} from "./resource-store";
import { requireSettled } from "./state-guards";

export interface VolumeActionInput {
  id: string;
  action: VolumeAction;
}

/**
 * attach (to an instance in the same region that finished provisioning; a volume has at most
 * one instance) and detach. An attached volume cannot be deleted until it is detached.
 */
export async function runVolumeAction(
  ctx: DomainContext,
  input: VolumeActionInput,
): Promise<ResourceRow> {
  const { principal } = ctx;
  requireScope(principal, "resources:write");
  const { action } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const volume = await requireLockedResource(trx, principal, input.id, "volume");
    requireSettled(volume, action.type);
    const spec = fromJson<VolumeSpec>(volume.spec, { size_gb: 0, attached_instance_id: null });
    const label = `Volume ${volume.id}`;
    const current = spec.attached_instance_id;
    const at = ctx.now.toISOString();

    if (action.type === "attach") {
      if (current !== null) {
        const holder = await lockResource(trx, principal, current, "instance");
        const who = holder ? describeResource(holder) : `instance ${current}`;
        throw conflict(
          current === action.instance_id
            ? `${label} is already attached to ${who}`
            : `${label} is attached to ${who}; detach it first`,
        );
      }
      const instance = await lockReference(
        trx,
        principal,
        "instance_id",
        action.instance_id,
        "instance",
        volume.region,
      );
      requireSettled(instance, "attach to it");
      const updated = await updateResourceRow(trx, volume, {
        spec: toJson({ ...spec, attached_instance_id: instance.id }),
        updated_at: at,
      });
      const edge = { kind: "volume" as const, resourceId: instance.id, targetId: volume.id };
      await addAttachment(trx, principal, edge, ctx.now);
      await recordResourceChange(
        trx,
        ctx,
        updated,
        "volume.attached",
        { instance_id: instance.id },
        volume,
      );
      return updated;
    }

    if (current === null) throw conflict(`${label} is not attached to any instance`);
    if (action.instance_id !== undefined && action.instance_id !== current) {
      throw conflict(`${label} is attached to instance ${current}, not ${action.instance_id}`);
    }
    const updated = await updateResourceRow(trx, volume, {
      spec: toJson({ ...spec, attached_instance_id: null }),
      updated_at: at,
    });
    await removeAttachment(trx, principal, {
      kind: "volume",
      resourceId: current,
      targetId: volume.id,
    });
    await recordResourceChange(
      trx,
      ctx,
      updated,
      "volume.detached",
      { instance_id: current },
      volume,
    );
    return updated;
  });
}
