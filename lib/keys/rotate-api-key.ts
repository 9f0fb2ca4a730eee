import { recordAudit } from "@/lib/audit/record-audit";
import type { ApiKeysTable } from "@/lib/db/schema";
import { conflict } from "@/lib/errors";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import { newId } from "@/lib/ids";
import { requireScope } from "@/lib/principal";
import { ROTATION_GRACE_MS, type RotationExpiry } from "@/lib/schemas/api-keys";
import { toApiKeyView } from "./api-key-view";
import { invalidateApiKeys } from "./cache-invalidation";
import type { CreatedApiKey } from "./create-api-key";
import { findOwnKey, requireKeyCovered } from "./get-api-key";
import type { KeyActionContext } from "./key-action-context";
import { generateKeySecret, hashKeySecret, KEY_PREFIX, lastFourOf } from "./secret";

export interface RotateApiKeyInput {
  id: string;
  /** How long the old secret keeps working. */
  expiresIn: RotationExpiry;
}

/**
 * Rolls a key: a new secret with the same name, scopes and environment (rotated_from_id points
 * back), and the old one expires after the chosen grace period (never later than it already
 * would). The new key does not expire. Every instance drops the old key from its cache.
 */
export async function rotateApiKey(
  ctx: KeyActionContext,
  input: RotateApiKeyInput,
): Promise<CreatedApiKey> {
  const { principal } = ctx;
  requireScope(principal, "keys:write");
  const nowIso = ctx.now.toISOString();
  const graceEnd = new Date(ctx.now.getTime() + ROTATION_GRACE_MS[input.expiresIn]).toISOString();
  const secret = generateKeySecret(principal.environment);
  const { created, oldHash } = await ctx.db.transaction().execute(async (trx) => {
    const old = await findOwnKey(trx, principal, input.id);
    requireKeyCovered(principal, old, "rotate");
    if (old.revoked_at) throw conflict(`API key ${old.id} is revoked and cannot be rotated`);
    if (old.expires_at && old.expires_at <= nowIso) {
      throw conflict(`API key ${old.id} has expired and cannot be rotated`);
    }
    const oldExpiry = old.expires_at && old.expires_at < graceEnd ? old.expires_at : graceEnd;
    const row: ApiKeysTable = {
      id: newId("key"),
      organization_id: principal.organizationId,
      project_id: principal.projectId,
      environment: old.environment,
      name: old.name,
      hash: hashKeySecret(secret),
      prefix: KEY_PREFIX[old.environment],
      last4: lastFourOf(secret),
      scopes: old.scopes,
      created_by_user_id: principal.userId,
      created_by_key_id: principal.keyId,
      rotated_from_id: old.id,
      created_at: nowIso,
      expires_at: null,
      revoked_at: null,
      last_used_at: null,
    };
    await trx.insertInto("api_keys").values(row).execute();
    await trx
      .updateTable("api_keys")
      .set({ expires_at: oldExpiry })
      .where("id", "=", old.id)
      .execute();
    const createdView = toApiKeyView(row, ctx.now);
    await recordAudit(trx, ctx, {
      action: "api_key.rotated",
      targets: [
        { type: "api_key", id: old.id, name: old.name },
        { type: "api_key", id: row.id, name: row.name },
      ],
      before: { expires_at: old.expires_at },
      after: { expires_at: oldExpiry, new_key_id: row.id },
      details: { expires_in: input.expiresIn },
    });
    await emitEvent(trx, {
      ...eventOrigin(ctx),
      organizationId: principal.organizationId,
      projectId: principal.projectId,
      environment: old.environment,
      type: "api_key.rotated",
      objectId: row.id,
      data: { ...createdView, old_key_expires_at: oldExpiry },
      at: ctx.now,
    });
    return { created: createdView, oldHash: old.hash };
  });
  await invalidateApiKeys(ctx.bus, [oldHash]);
  return { key: created, secret };
}
