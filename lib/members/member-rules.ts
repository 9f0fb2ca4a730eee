import type { Kysely } from "kysely";
import { ROLE_RANK, type Role } from "@/lib/catalog/roles";
import type { Database } from "@/lib/db/schema";
import { forbidden } from "@/lib/errors";
import type { Principal } from "@/lib/principal";

export function roleRank(role: Role): number {
  return ROLE_RANK[role];
}

/**
 * The role the principal acts with when it manages members. A member acts with their current
 * role (as stored now); a key with the current role of the member who created it, and never above admin (a key
 * never makes owners); a key nobody created (an operator's) acts as admin; the system as owner.
 */
export async function actingRole(db: Kysely<Database>, principal: Principal): Promise<Role> {
  if (principal.kind === "system") return "owner";
  if (principal.kind === "portal") {
    // Read again inside the caller's (locked) transaction: a change committed since this
    // request was authenticated counts.
    const self = await db
      .selectFrom("memberships")
      .select("role")
      .where("organization_id", "=", principal.organizationId)
      .where("user_id", "=", principal.userId ?? "")
      .executeTakeFirst();
    if (!self) throw forbidden("You are no longer a member of this organization");
    return self.role;
  }
  const creator = await db
    .selectFrom("api_keys")
    .leftJoin("memberships", (join) =>
      join
        .onRef("memberships.user_id", "=", "api_keys.created_by_user_id")
        .on("memberships.organization_id", "=", principal.organizationId),
    )
    .select(["api_keys.created_by_user_id", "memberships.role"])
    .where("api_keys.id", "=", principal.keyId ?? "")
    .executeTakeFirst();
  if (!creator) throw forbidden("This API key is unknown");
  if (creator.created_by_user_id === null) return "admin";
  if (!creator.role) throw forbidden("The member who created this API key has left");
  return creator.role === "owner" ? "admin" : creator.role;
}

/**
 * The escalation rules, checked against the rows read inside the caller's transaction: nobody
 * grants a role above their own or changes a member who outranks them, and only an owner acting
 * in the portal touches the owner role (an API key or an operator's key never does).
 */
export function assertMayChange(
  principal: Principal,
  actor: Role,
  target: { role: Role },
  next: Role | null,
): void {
  if (roleRank(target.role) > roleRank(actor)) {
    throw forbidden(`A ${actor} cannot change a member whose role is ${target.role}`);
  }
  if (next && roleRank(next) > roleRank(actor)) {
    throw forbidden(`A ${actor} cannot grant the ${next} role`);
  }
  const touchesOwner = target.role === "owner" || next === "owner";
  if (touchesOwner && !(principal.kind === "portal" && actor === "owner")) {
    throw forbidden("Only an owner, signed in to the portal, can make or change owners");
  }
}

/**
 * Serialises member changes of one organization: a no-op update takes the organization's row
 * lock on PostgreSQL (a second transaction waits, then reads the first one's committed rows);
 * SQLite runs one transaction at a time anyway. Portable SQL, so one code path for both stores.
 */
export async function lockOrganization(trx: Kysely<Database>, organizationId: string) {
  await trx
    .updateTable("organizations")
    .set((eb) => ({ updated_at: eb.ref("updated_at") }))
    .where("id", "=", organizationId)
    .execute();
}

export async function ownerCount(trx: Kysely<Database>, organizationId: string): Promise<number> {
  const row = await trx
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
