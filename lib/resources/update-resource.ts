import { fromJson, toJson } from "@/lib/db/json";
import type { ResourceType } from "@/lib/db/schema";
import { type FieldError, validationFailed } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import type {
  BucketSpec,
  InstanceSpec,
  UpdateResourceBody,
  VolumeSpec,
} from "@/lib/schemas/resources";
import { writeLabelRows } from "./labels";
import { recordResourceChange } from "./record-change";
import { type ResourceRow, requireLockedResource, updateResourceRow } from "./resource-store";
import { requireSettled } from "./state-guards";

export interface UpdateResourceInput extends UpdateResourceBody {
  id: string;
}

const SPEC_FIELDS_BY_TYPE: Record<ResourceType, readonly string[]> = {
  instance: ["size"],
  volume: ["size_gb"],
  bucket: ["versioning", "public"],
  network: [],
  load_balancer: [],
};

/** The new spec JSON, or null when nothing in it changes; 422 for fields of another type. */
function nextSpec(
  row: ResourceRow,
  changes: NonNullable<UpdateResourceBody["spec"]>,
): string | null {
  const allowed = SPEC_FIELDS_BY_TYPE[row.type];
  const errors: FieldError[] = [];
  for (const field of Object.keys(changes)) {
    if (!allowed.includes(field)) {
      errors.push({
        field: `spec.${field}`,
        code: "not_applicable",
        message: `spec.${field} cannot be changed on a ${row.type}${allowed.length ? `; changeable: ${allowed.map((f) => `spec.${f}`).join(", ")}` : ""}`,
      });
    }
  }
  if (errors.length > 0) throw validationFailed(errors);

  if (row.type === "instance" && changes.size !== undefined) {
    const spec = fromJson<InstanceSpec>(row.spec, { size: "", image: "", network_id: null });
    if (spec.size === changes.size) return null;
    requireSettled(row, "resize");
    return toJson({ ...spec, size: changes.size });
  }
  if (row.type === "volume" && changes.size_gb !== undefined) {
    const spec = fromJson<VolumeSpec>(row.spec, { size_gb: 0, attached_instance_id: null });
    if (spec.size_gb === changes.size_gb) return null;
    if (changes.size_gb < spec.size_gb) {
      const message = `spec.size_gb: volumes only grow; this one has ${spec.size_gb} GB`;
      throw validationFailed([{ field: "spec.size_gb", code: "cannot_shrink", message }]);
    }
    requireSettled(row, "resize");
    return toJson({ ...spec, size_gb: changes.size_gb });
  }
  if (row.type === "bucket") {
    const spec = fromJson<BucketSpec>(row.spec, { versioning: false, public: false });
    const next: BucketSpec = {
      versioning: changes.versioning ?? spec.versioning,
      public: changes.public ?? spec.public,
    };
    if (next.versioning === spec.versioning && next.public === spec.public) return null;
    return toJson(next);
  }
  return null;
}

/**
 * PATCH: rename, relabel (the label map is replaced) or resize. Renames and labels work in any
 * status; a resize needs a settled resource. Nothing changed: no event, the resource as it is.
 */
export async function updateResource(
  ctx: DomainContext,
  input: UpdateResourceInput,
): Promise<ResourceRow> {
  requireScope(ctx.principal, "resources:write");
  if (input.name === undefined && input.labels === undefined && input.spec === undefined) {
    const message = "Send at least one of name, labels or spec";
    throw validationFailed([{ field: "body", code: "empty_update", message }]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await requireLockedResource(trx, ctx.principal, input.id);
    const changes: Partial<ResourceRow> = {};
    const changed: string[] = [];
    if (input.name !== undefined && input.name !== row.name) {
      changes.name = input.name;
      changes.name_lower = input.name.toLowerCase();
      changed.push("name");
    }
    if (input.labels !== undefined) {
      const labels = toJson(input.labels);
      if (labels !== row.labels) {
        changes.labels = labels;
        changed.push("labels");
      }
    }
    if (input.spec !== undefined) {
      const spec = nextSpec(row, input.spec);
      if (spec !== null) {
        changes.spec = spec;
        changed.push("spec");
      }
    }
    if (changed.length === 0) return row;
    changes.updated_at = ctx.now.toISOString();
    const updated = await updateResourceRow(trx, row, changes);
    if (changes.labels !== undefined) await writeLabelRows(trx, updated, input.labels ?? {}, true);
    await recordResourceChange(trx, ctx, updated, "resource.updated", { changed }, row);
    return updated;
  });
}
