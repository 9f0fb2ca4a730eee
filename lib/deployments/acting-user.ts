import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { Principal } from "@/lib/principal";

/**
 * The member behind a request: the signed-in user, or for an API key the member who created
 * it, so a key cannot approve what its own creator deployed.
 */
export async function actingUserId(
  db: Kysely<Database>,
  principal: Principal,
): Promise<string | null> {
  if (principal.userId !== null) return principal.userId;
  if (principal.keyId === null) return null;
  const key = await db
    .selectFrom("api_keys")
    .select("created_by_user_id")
    .where("id", "=", principal.keyId)
    .executeTakeFirst();
  return key?.created_by_user_id ?? null;
}
