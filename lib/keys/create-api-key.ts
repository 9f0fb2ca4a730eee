import { recordAudit } from "@/lib/audit/record-audit";
import type { Scope } from "@/lib/catalog/scopes";
import { toJson } from "@/lib/db/json";
import type { ApiKeysTable, Environment } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import { newId } from "@/lib/ids";
import { type DomainContext, requireScope } from "@/lib/principal";
import { type ApiKeyView, toApiKeyView } from "./api-key-view";
import { generateKeySecret, hashKeySecret, KEY_PREFIX, lastFourOf } from "./secret";

export interface CreateApiKeyInput {
  name: string;
  /** Default: the caller's environment (the API always creates keys there). */
  environment?: Environment | undefined;
  /** Default: every scope the caller holds. */
  scopes?: Scope[] | undefined;
  expiresAt?: Date | null | undefined;
  /** Alternative to expiresAt, counted from now. */
  expiresInDays?: number | undefined;
}

const DAY_MS = 86_400_000;

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
  const environment = input.environment ?? principal.environment;
  const scopes = input.scopes ?? [...principal.scopes];
  const expiresAt =
    input.expiresInDays !== undefined
      ? new Date(ctx.now.getTime() + input.expiresInDays * DAY_MS)
      : (input.expiresAt ?? null);
  const missing = scopes.filter((scope) => !principal.scopes.has(scope));
  if (missing.length > 0) {
    throw new AppError("forbidden", `Cannot grant scopes you do not hold: ${missing.join(", ")}`);
  }
  if (principal.kind === "api_key" && principal.environment === "test" && environment === "live") {
    throw new AppError("forbidden", "A test key cannot create live keys");
  }
  if (expiresAt && expiresAt <= ctx.now) {
    throw new AppError("validation_failed", "expires_at must be in the future", {
      errors: [
        { field: "expires_at", code: "in_past", message: "expires_at must be in the future" },
      ],
    });
  }
  const secret = generateKeySecret(environment);
  const row: ApiKeysTable = {
    id: newId("key"),
    organization_id: principal.organizationId,
    project_id: principal.projectId,
    environment,
    name: input.name,
    hash: hashKeySecret(secret),
    prefix: KEY_PREFIX[environment],
    last4: lastFourOf(secret),
    scopes: toJson([...new Set(scopes)]),
    created_by_user_id: principal.userId,
    created_by_key_id: principal.keyId,
    rotated_from_id: null,
    created_at: ctx.now.toISOString(),
    expires_at: expiresAt ? expiresAt.toISOString() : null,
    revoked_at: null,
    last_used_at: null,
  };
  const view = toApiKeyView(row, ctx.now);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto("api_keys").values(row).execute();
    await recordAudit(trx, ctx, {
      action: "api_key.created",
      targets: [{ type: "api_key", id: row.id, name: row.name }],
      before: null,
      // The view: name, environment, scopes, redacted form; never the secret or its hash.
      after: view,
    });
    await emitEvent(trx, {
      ...eventOrigin(ctx),
      organizationId: principal.organizationId,
      projectId: principal.projectId,
      environment,
      type: "api_key.created",
      objectId: row.id,
      data: view,
      at: ctx.now,
    });
  });
  return { key: view, secret };
}
