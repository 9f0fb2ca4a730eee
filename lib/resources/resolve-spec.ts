import type { Kysely } from "kysely";
import type { z } from "zod";
import {
  DEFAULT_INSTANCE_IMAGE,
  DEFAULT_INSTANCE_SIZE,
  DEFAULT_NETWORK_CIDR,
  DEFAULT_VOLUME_GB,
  TYPE_LABELS,
} from "@/lib/catalog/resources";
import type { AttachmentKind, Database, ResourceType } from "@/lib/db/schema";
import { type FieldError, validationFailed } from "@/lib/errors";
import type { Principal } from "@/lib/principal";
import {
  type BucketSpec,
  type InstanceSpec,
  type LoadBalancerSpec,
  type NetworkSpec,
  type ResourceSpec,
  specInputSchemas,
  type VolumeSpec,
} from "@/lib/schemas/resources";
import { lockResource, type ResourceRow } from "./resource-store";

/** An edge the new resource will have: it uses targetId. */
export interface NewEdge {
  kind: AttachmentKind;
  targetId: string;
}

export interface ResolvedSpec {
  spec: ResourceSpec;
  edges: NewEdge[];
}

/**
 * Checks the spec for its type (a ZodError with paths under `spec.` becomes a 422 with errors[]):
 * the generic route accepts any object, so this is where a volume's `cidr` is refused.
 */
export function parseSpecInput<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  type: ResourceType,
): z.infer<S> {
  const result = schema.safeParse(raw ?? {});
  if (result.success) return result.data;
  throw validationFailed(result.error.issues.flatMap((issue) => specFieldErrors(issue, type)));
}

/** Zod issues as errors[] entries named as the client sent them (spec.size_gb). */
function specFieldErrors(issue: z.core.$ZodIssue, type: ResourceType): FieldError[] {
  const field = ["spec", ...issue.path.map(String)].join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      field: `${field}.${key}`,
      code: "not_applicable",
      message: `${field}.${key} does not apply to a ${type}`,
    }));
  }
  const required = issue.code === "invalid_type" && issue.input === undefined;
  return [
    {
      field,
      code: required ? "required" : issue.code,
      message: required
        ? `${field} is required`
        : `${field}: ${issue.message.replace(/^Invalid input: /, "")}`,
    },
  ];
}

const referenceError = (field: string, message: string) =>
  validationFailed([{ field, code: "invalid_reference", message }]);

/** A referenced resource, locked: it must exist here, be of the type and in the same region. */
export async function lockReference(
  trx: Kysely<Database>,
  principal: Principal,
  field: string,
  id: string,
  type: ResourceType,
  region: string,
): Promise<ResourceRow> {
  const row = await lockResource(trx, principal, id, type);
  const label = TYPE_LABELS[type].toLowerCase();
  if (!row) throw referenceError(field, `${field}: no ${label} ${id} in this project`);
  if (row.region !== region) {
    throw referenceError(
      field,
      `${field}: ${label} ${id} is in ${row.region}, not ${region}; both must be in one region`,
    );
  }
  return row;
}

/** Defaults filled in and references checked (and locked) for a new resource. */
export async function resolveSpec(
  trx: Kysely<Database>,
  principal: Principal,
  type: ResourceType,
  region: string,
  raw: unknown,
): Promise<ResolvedSpec> {
  switch (type) {
    case "instance": {
      const input = parseSpecInput(specInputSchemas.instance, raw, "instance");
      const networkId = input.network_id ?? null;
      if (networkId) {
        await lockReference(trx, principal, "spec.network_id", networkId, "network", region);
      }
      const spec: InstanceSpec = {
        size: input.size ?? DEFAULT_INSTANCE_SIZE,
        image: input.image ?? DEFAULT_INSTANCE_IMAGE,
        network_id: networkId,
      };
      return {
        spec,
        edges: networkId ? [{ kind: "network_member", targetId: networkId }] : [],
      };
    }
    case "volume": {
      const input = parseSpecInput(specInputSchemas.volume, raw, "volume");
      const spec: VolumeSpec = {
        size_gb: input.size_gb ?? DEFAULT_VOLUME_GB,
        attached_instance_id: null,
      };
      return { spec, edges: [] };
    }
    case "bucket": {
      const input = parseSpecInput(specInputSchemas.bucket, raw, "bucket");
      const spec: BucketSpec = {
        versioning: input.versioning ?? false,
        public: input.public ?? false,
      };
      return { spec, edges: [] };
    }
    case "network": {
      const input = parseSpecInput(specInputSchemas.network, raw, "network");
      const spec: NetworkSpec = { cidr: input.cidr ?? DEFAULT_NETWORK_CIDR };
      return { spec, edges: [] };
    }
    case "load_balancer": {
      const input = parseSpecInput(specInputSchemas.load_balancer, raw, "load_balancer");
      const targetIds = input.target_ids ?? [];
      const seen = new Set<string>();
      const edges: NewEdge[] = [];
      for (const [index, targetId] of targetIds.entries()) {
        const field = `spec.target_ids.${index}`;
        if (seen.has(targetId)) {
          throw referenceError(field, `${field}: ${targetId} is listed twice`);
        }
        seen.add(targetId);
        await lockReference(trx, principal, field, targetId, "instance", region);
        edges.push({ kind: "lb_target", targetId });
      }
      const networkId = input.network_id ?? null;
      if (networkId) {
        await lockReference(trx, principal, "spec.network_id", networkId, "network", region);
        edges.push({ kind: "network_member", targetId: networkId });
      }
      const spec: LoadBalancerSpec = {
        algorithm: input.algorithm ?? "round_robin",
        target_ids: targetIds,
        network_id: networkId,
      };
      return { spec, edges };
    }
  }
}
