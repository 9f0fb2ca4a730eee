import { recordAudit } from "@/lib/audit/record-audit";
import { toJson } from "@/lib/db/json";
import type { ApiKeysTable, Environment } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit-event";
import { newId } from "@/lib/ids";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { Scope } from "@/lib/rbac/scopes";
import { type ApiKeyView, toApiKeyView } from "./api-key-view";
import { generateKeySecret, hashKeySecret, KEY_PREFIX, lastFourOf } from "./secret";

export interface CreateApiKeyInput {
  name: string;
  environment: Environment;
  scopes: Scope[];
  expiresAt: Date | null;
}

export interface CreatedApiKey {
  key: ApiKeyView;
  /** Shown once, at creation; only its hash is stored. */
  secret: string;
}

/** Creates a key in the acting principal's project; a key never mints scopes it lacks itself. */
export async function createApiKey(
  ctx: DomainContext,
  input: CreateApiKeyInput,
): Promise<CreatedApiKey> {
  const { principal } = ctx;
  requireScope(principal, "keys:write");
  const missing = input.scopes.filter((scope) => !principal.scopes.has(scope));
  if (missing.length > 0) {
    throw new AppError("forbidden", `Cannot grant scopes you do not hold: ${missing.join(", ")}`);
  }
  if (
    principal.kind === "api_key" &&
    principal.environment === "test" &&
    input.environment === "live"
  ) {
    throw new AppError("forbidden", "A test key cannot create live keys");
  }
  if (input.expiresAt && input.expiresAt <= ctx.now) {
    throw new AppError("validation_failed", "expires_at must be in the future", {
      errors: [
        { field: "expires_at", code: "in_past", message: "expires_at must be in the future" },
      ],
    });
  }
  const secret = generateKeySecret(input.environment);
  const row: ApiKeysTable = {
    id: newId("key"),
    organization_id: principal.organizationId,
    project_id: principal.projectId,
    environment: input.environment,
    name: input.name,
    hash: hashKeySecret(secret),
    prefix: KEY_PREFIX[input.environment],
    last4: lastFourOf(secret),
    scopes: toJson([...new Set(input.scopes)]),
    created_by_user_id: principal.userId,
    created_by_key_id: principal.keyId,
    rotated_from_id: null,
    created_at: ctx.now.toISOString(),
    expires_at: input.expiresAt ? input.expiresAt.toISOString() : null,
    revoked_at: null,
    last_used_at: null,
  };
  const view = toApiKeyView(row, ctx.now);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("api_keys").values(row).execute();
    await recordAudit(trx, ctx, {
      action: "api_key.created",
      targetType: "api_key",
      targetId: row.id,
      data: { name: row.name, environment: row.environment, scopes: view.scopes },
    });
    await emitEvent(trx, {
      organizationId: principal.organizationId,
      projectId: principal.projectId,
      environment: input.environment,
      type: "api_key.created",
      objectId: row.id,
      data: view,
      at: ctx.now,
    });
  });
  return { key: view, secret };
}
