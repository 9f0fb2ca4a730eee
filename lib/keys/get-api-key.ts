import type { Kysely } from "kysely";
import type { ApiKeysTable, Database } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { type DomainContext, type Principal, requireScope } from "@/lib/principal";
import { type ApiKeyView, scopesNotHeld, toApiKeyView } from "./api-key-view";

/** A key of the principal's project and environment; anything else is "not found". */
export async function findOwnKey(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
): Promise<ApiKeysTable> {
  const row = await db
    .selectFrom("api_keys")
    .selectAll()
    .where("id", "=", id)
    .where(inTenant(principal))
    .executeTakeFirst();
  if (!row) throw notFound(`API key ${id}`);
  return row;
}

/**
 * Rotating or revoking a key is acting with its scopes: only a principal holding all of them may
 * (a member through the role's scopes), so a narrow key cannot take down a broader one.
 */
export function requireKeyCovered(
  principal: Principal,
  row: Pick<ApiKeysTable, "id" | "scopes">,
  action: "rotate" | "revoke",
): void {
  const missing = scopesNotHeld(row, principal.scopes);
  if (missing.length > 0) {
    throw new AppError(
      "forbidden",
      `Cannot ${action} API key ${row.id}: it has scopes you do not hold (${missing.join(", ")})`,
    );
  }
}

export async function getApiKey(ctx: DomainContext, id: string): Promise<ApiKeyView> {
  requireScope(ctx.principal, "keys:read");
  return toApiKeyView(await findOwnKey(ctx.db, ctx.principal, id), ctx.now, ctx.principal);
}
