import type { Kysely } from "kysely";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Bus } from "@/lib/bus";
import type { Database } from "@/lib/db/schema";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import { toApiKeyView } from "@/lib/keys/api-key-view";
import { invalidateApiKeys } from "@/lib/keys/cache-invalidation";
import type { DomainContext } from "@/lib/principal";

/** The hashes of the keys a member created in an organization (their scopes follow the role). */
export function keyHashesCreatedBy(trx: Kysely<Database>, organizationId: string, userId: string) {
  return trx
    .selectFrom("api_keys")
    .select("hash")
    .where("organization_id", "=", organizationId)
    .where("created_by_user_id", "=", userId)
    .execute()
    .then((rows) => rows.map((row) => row.hash));
}

/** After the commit: every instance forgets those keys, so the next request reads the new cap. */
export async function dropCachedKeys(bus: Bus | undefined, hashes: string[]): Promise<void> {
  if (bus && hashes.length > 0) await invalidateApiKeys(bus, hashes);
}

/**
 * On removal, when asked: revokes every unrevoked key the member created in the organization,
 * each with its own audit entry and api_key.revoked event (in its project and environment).
 * Returns the hashes of all the member's keys, already revoked ones included, so the caller
 * evicts exactly what keyHashesCreatedBy would have given it without reading the table again.
 */
export async function revokeKeysCreatedBy(
  trx: Kysely<Database>,
  ctx: DomainContext,
  userId: string,
): Promise<string[]> {
  const org = ctx.principal.organizationId;
  const created = await trx
    .selectFrom("api_keys")
    .selectAll()
    .where("organization_id", "=", org)
    .where("created_by_user_id", "=", userId)
    .execute();
  const keys = created.filter((key) => key.revoked_at === null);
  const revokedAt = ctx.now.toISOString();
  // One statement for all of them; "in ()" with no ids is not valid SQL, hence the guard.
  if (keys.length > 0)
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: revokedAt })
      .where(
        "id",
        "in",
        keys.map((key) => key.id),
      )
      .execute();
  for (const key of keys) {
    await recordAudit(trx, ctx, {
      action: "api_key.revoked",
      targets: [{ type: "api_key", id: key.id, name: key.name }],
      details: { reason: "creator removed" },
    });
    await emitEvent(trx, {
      ...eventOrigin(ctx),
      organizationId: org,
      projectId: key.project_id,
      environment: key.environment,
      type: "api_key.revoked",
      objectId: key.id,
      data: toApiKeyView({ ...key, revoked_at: revokedAt }, ctx.now),
      at: ctx.now,
    });
  }
  return created.map((key) => key.hash);
}
