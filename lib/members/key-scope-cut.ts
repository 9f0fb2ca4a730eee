import type { Kysely } from "kysely";
import type { Bus } from "@/lib/bus";
import type { Database } from "@/lib/db/schema";
import { invalidateApiKeys } from "@/lib/keys/cache-invalidation";

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
