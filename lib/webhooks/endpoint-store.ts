import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import type { Principal } from "@/lib/principal";
import type { WebhookEndpointRow } from "./endpoint-view";

/** One endpoint of the principal's project and environment (another's is simply not there). */
export function findEndpoint(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
): Promise<WebhookEndpointRow | undefined> {
  return db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("id", "=", id)
    .where(inTenant(principal))
    .executeTakeFirst();
}

export const endpointNotFound = (id: string) =>
  new AppError("not_found", `Webhook endpoint ${id} was not found`);

export async function requireEndpoint(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
): Promise<WebhookEndpointRow> {
  const row = await findEndpoint(db, principal, id);
  if (!row) throw endpointNotFound(id);
  return row;
}
