import type { Kysely } from "kysely";
import type { ApiKeysTable, Database } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { notFound } from "@/lib/errors";
import { type DomainContext, type Principal, requireScope } from "@/lib/principal";
import { type ApiKeyView, toApiKeyView } from "./api-key-view";

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

export async function getApiKey(ctx: DomainContext, id: string): Promise<ApiKeyView> {
  requireScope(ctx.principal, "keys:read");
  return toApiKeyView(await findOwnKey(ctx.db, ctx.principal, id), ctx.now);
}
