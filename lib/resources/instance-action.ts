import { fromJson, toJson } from "@/lib/db/json";
import { conflict } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { InstanceAction, InstanceSpec } from "@/lib/schemas/resources";
import { recordResourceChange } from "./record-change";
import { type ResourceRow, requireLockedResource, updateResourceRow } from "./resource-store";
import { requireSettled } from "./state-guards";

export interface InstanceActionInput {
  id: string;
  action: InstanceAction;
}

const EVENT_OF: Record<InstanceAction["type"], string> = {
  reboot: "instance.rebooted",
  stop: "instance.stopped",
  start: "instance.started",
  resize: "instance.resized",
};

/**
 * Power and size: stop (active -> stopped), start (stopped -> active), reboot (active, stays
 * active), resize (active or stopped, to another size). Anything else is a 409 saying why.
 */
export async function runInstanceAction(
  ctx: DomainContext,
  input: InstanceActionInput,
): Promise<ResourceRow> {
  requireScope(ctx.principal, "resources:write");
  const { action } = input;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await requireLockedResource(trx, ctx.principal, input.id, "instance");
    requireSettled(row, action.type);
    const label = `Instance ${row.id}`;
    const at = ctx.now.toISOString();
    let changes: Partial<ResourceRow> = { updated_at: at };
    const auditData: Record<string, unknown> = {};
    switch (action.type) {
      case "stop":
        if (row.status === "stopped") throw conflict(`${label} is already stopped`);
        changes.status = "stopped";
        break;
      case "start":
        if (row.status === "active") throw conflict(`${label} is already running (status active)`);
        changes.status = "active";
        break;
      case "reboot":
        if (row.status === "stopped") {
          throw conflict(`Cannot reboot: ${label} is stopped; start it instead`);
        }
        break;
      case "resize": {
        const spec = fromJson<InstanceSpec>(row.spec, { size: "", image: "", network_id: null });
        if (spec.size === action.size) throw conflict(`${label} is already size ${action.size}`);
        changes = { ...changes, spec: toJson({ ...spec, size: action.size }) };
        auditData.from = spec.size;
        auditData.to = action.size;
        break;
      }
    }
    const updated = await updateResourceRow(trx, row, changes);
    await recordResourceChange(trx, ctx, updated, EVENT_OF[action.type], auditData, row);
    return updated;
  });
}
