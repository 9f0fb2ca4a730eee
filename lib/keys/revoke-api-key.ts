import { recordAudit } from "@/lib/audit/record-audit";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import { requireScope } from "@/lib/principal";
import { type ApiKeyView, toApiKeyView } from "./api-key-view";
import { invalidateApiKeys } from "./cache-invalidation";
import { findOwnKey, requireKeyCovered } from "./get-api-key";
import type { KeyActionContext } from "./key-action-context";

/**
 * Revokes a key at once: it answers 401 from the next request on every instance. Revoking a
 * revoked key changes nothing and answers the key as it is. Only a principal holding every scope
 * of the key may revoke it.
 */
export async function revokeApiKey(ctx: KeyActionContext, id: string): Promise<ApiKeyView> {
  const { principal } = ctx;
  requireScope(principal, "keys:write");
  const revokedAt = ctx.now.toISOString();
  const { view, hash, changed } = await ctx.db.transaction().execute(async (trx) => {
    const row = await findOwnKey(trx, principal, id);
    requireKeyCovered(principal, row, "revoke");
    if (row.revoked_at) return { view: toApiKeyView(row, ctx.now), hash: row.hash, changed: false };
    await trx
      .updateTable("api_keys")
      .set({ revoked_at: revokedAt })
      .where("id", "=", row.id)
      .execute();
    const revoked = toApiKeyView({ ...row, revoked_at: revokedAt }, ctx.now);
    await recordAudit(trx, ctx, {
      action: "api_key.revoked",
      targets: [{ type: "api_key", id: row.id, name: row.name }],
      before: { status: toApiKeyView(row, ctx.now).status, revoked_at: null },
      after: { status: "revoked", revoked_at: revokedAt },
    });
    await emitEvent(trx, {
      ...eventOrigin(ctx),
      organizationId: principal.organizationId,
      projectId: principal.projectId,
      environment: row.environment,
      type: "api_key.revoked",
      objectId: row.id,
      data: revoked,
      at: ctx.now,
    });
    return { view: revoked, hash: row.hash, changed: true };
  });
  if (changed) await invalidateApiKeys(ctx.bus, [hash]);
  return view;
}
