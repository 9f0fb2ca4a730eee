import type { Kysely } from "kysely";
import { TYPE_LABELS } from "@/lib/catalog/resources";
import type { AttachmentKind, Database, ResourceType } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { Principal } from "@/lib/principal";

/** A resource that uses another one, and how. */
export interface ResourceUser {
  kind: AttachmentKind;
  id: string;
  type: ResourceType;
  name: string;
}

/** Who uses this resource (its incoming edges); a used resource cannot be deleted. */
export async function usersOf(
  trx: Kysely<Database>,
  principal: Principal,
  targetId: string,
): Promise<ResourceUser[]> {
  return trx
    .selectFrom("resource_attachments")
    .innerJoin("resources", "resources.id", "resource_attachments.resource_id")
    .select(["resource_attachments.kind", "resources.id", "resources.type", "resources.name"])
    .where("resource_attachments.target_id", "=", targetId)
    .where(inTenant(principal, "resource_attachments"))
    .where("resources.deleted_at", "is", null)
    .orderBy("resource_attachments.created_at")
    .orderBy("resources.id")
    .execute();
}

/** What this resource uses (its outgoing edges), released when it is deleted. */
export async function usedBy(
  trx: Kysely<Database>,
  principal: Principal,
  resourceId: string,
): Promise<Array<{ kind: AttachmentKind; target_id: string }>> {
  return trx
    .selectFrom("resource_attachments")
    .select(["kind", "target_id"])
    .where("resource_id", "=", resourceId)
    .where(inTenant(principal))
    .execute();
}

export async function addAttachment(
  trx: Kysely<Database>,
  principal: Principal,
  edge: { kind: AttachmentKind; resourceId: string; targetId: string },
  now: Date,
): Promise<void> {
  await trx
    .insertInto("resource_attachments")
    .values({
      id: newId("att"),
      project_id: principal.projectId,
      environment: principal.environment,
      kind: edge.kind,
      resource_id: edge.resourceId,
      target_id: edge.targetId,
      created_at: now.toISOString(),
    })
    .execute();
}

export async function removeAttachment(
  trx: Kysely<Database>,
  principal: Principal,
  edge: { kind: AttachmentKind; resourceId: string; targetId: string },
): Promise<void> {
  await trx
    .deleteFrom("resource_attachments")
    .where("kind", "=", edge.kind)
    .where("resource_id", "=", edge.resourceId)
    .where("target_id", "=", edge.targetId)
    .where(inTenant(principal))
    .execute();
}

export function describeResource(r: { id: string; type: ResourceType; name: string }): string {
  return `${TYPE_LABELS[r.type].toLowerCase()} ${r.id} (${JSON.stringify(r.name)})`;
}

function describeUse(user: ResourceUser): string {
  const who = describeResource(user);
  if (user.kind === "volume") return `attached to ${who}`;
  if (user.kind === "lb_target") return `a target of ${who}`;
  return `used by member ${who}`;
}

const releaseHint: Record<AttachmentKind, string> = {
  volume: "detach it first",
  lb_target: "remove it from the load balancer first",
  network_member: "delete the members or move them out first",
};

/**
 * The 409 for deleting a used resource. The detail names every user as
 * `<type> <id> ("<name>")`, so people (and the portal) can go straight to it.
 */
export function inUseConflict(
  resource: { id: string; type: ResourceType },
  users: ResourceUser[],
): AppError {
  const uses = users.map(describeUse).join("; ");
  const hints = [...new Set(users.map((u) => releaseHint[u.kind]))].join(", ");
  return new AppError(
    "conflict",
    `${TYPE_LABELS[resource.type]} ${resource.id} is in use: ${uses}; ${hints}`,
  );
}
