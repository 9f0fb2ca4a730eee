import { fromJson, toJson } from "@/lib/db/json";
import type { ResourceType } from "@/lib/db/schema";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { VolumeSpec } from "@/lib/schemas/resources";
import { inUseConflict, removeAttachment, usedBy, usersOf } from "./attachments";
import { recordResourceChange } from "./record-change";
import { enqueueDeprovision } from "./resource-jobs";
import { lockResource, requireLockedResource, updateResourceRow } from "./resource-store";

export interface DeleteResourceInput {
  id: string;
  /** A typed route's type: another type's id is a 404 there. */
  type?: ResourceType | undefined;
  /** How long the deprovisioning job waits before the resource is gone for good. */
  deprovisionDelayMs: number;
}

/**
 * DELETE: refused with 409 while something uses the resource (naming each user); otherwise it
 * disappears from the API at once (deleted_at, status deleting), releases what it used itself
 * (volumes are detached, load balancer targets and network memberships dropped), and a job
 * finishes the deprovisioning.
 */
export async function deleteResource(
  ctx: DomainContext,
  input: DeleteResourceInput,
): Promise<void> {
  const { principal } = ctx;
  requireScope(principal, "resources:write");
  await ctx.db.transaction().execute(async (trx) => {
    const row = await requireLockedResource(trx, principal, input.id, input.type);
    const users = await usersOf(trx, principal, row.id);
    if (users.length > 0) throw inUseConflict(row, users);

    const at = ctx.now.toISOString();
    for (const edge of await usedBy(trx, principal, row.id)) {
      await removeAttachment(trx, principal, {
        kind: edge.kind,
        resourceId: row.id,
        targetId: edge.target_id,
      });
      if (edge.kind !== "volume") continue;
      const volume = await lockResource(trx, principal, edge.target_id, "volume");
      if (!volume) continue;
      const spec = fromJson<VolumeSpec>(volume.spec, { size_gb: 0, attached_instance_id: null });
      if (spec.attached_instance_id !== row.id) continue; // detached meanwhile
      const detached = await updateResourceRow(trx, volume, {
        spec: toJson({ ...spec, attached_instance_id: null }),
        updated_at: at,
      });
      await recordResourceChange(
        trx,
        ctx,
        detached,
        "volume.detached",
        { instance_id: row.id, reason: "instance deleted" },
        volume,
      );
    }

    const deleted = await updateResourceRow(trx, row, {
      status: "deleting",
      deleted_at: at,
      updated_at: at,
    });
    await recordResourceChange(trx, ctx, deleted, "resource.deleted", {}, row);
    await enqueueDeprovision(trx, deleted, ctx.now, input.deprovisionDelayMs);
  });
}
