import type { Kysely, SelectQueryBuilder } from "kysely";
import type { Database } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import { type ApiKeyStatus, type ApiKeyView, toApiKeyView } from "./api-key-view";

export interface ListApiKeysInput {
  page: ListQuery;
  status?: ApiKeyStatus | undefined;
}

type KeyQuery = SelectQueryBuilder<Database, "api_keys", object>;

/** The same rule as statusOfKey, as a query condition. */
function whereStatus(query: KeyQuery, status: ApiKeyStatus, nowIso: string): KeyQuery {
  if (status === "revoked") return query.where("revoked_at", "is not", null);
  const live = query.where("revoked_at", "is", null);
  if (status === "active") return live.where("expires_at", "is", null);
  if (status === "expired") return live.where("expires_at", "<=", nowIso);
  return live.where("expires_at", ">", nowIso);
}

/** The project's keys in the caller's environment, newest first, in either pagination style. */
export async function listApiKeys(
  ctx: DomainContext,
  input: ListApiKeysInput,
): Promise<Page<ApiKeyView>> {
  requireScope(ctx.principal, "keys:read");
  const db: Kysely<Database> = ctx.db;
  let base = db.selectFrom("api_keys").where(inTenant(ctx.principal));
  if (input.status) base = whereStatus(base, input.status, ctx.now.toISOString());
  const rowsQuery = newestFirstWindow(base.selectAll(), "api_keys", input.page);
  const [rows, count] = await Promise.all([
    rowsQuery.execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const page = toPage(rows, input.page, Number(count.total));
  return {
    data: page.data.map((row) => toApiKeyView(row, ctx.now, ctx.principal)),
    meta: page.meta,
  };
}
