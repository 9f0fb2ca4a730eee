import type { ExpressionBuilder, Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import type { MemberRow } from "./member-view";

/** Memberships with their user, always of one organization (another's members are never seen). */
export function membersOf(db: Kysely<Database>, organizationId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .where("memberships.organization_id", "=", organizationId);
}

export const MEMBER_COLUMNS = [
  "memberships.id",
  "memberships.user_id",
  "users.email",
  "users.name",
  "memberships.role",
  "memberships.created_at",
  "memberships.last_active_at",
] as const;

/** How many unrevoked keys of the organization the member created (select beside the columns). */
export function activeKeysOf(eb: ExpressionBuilder<Database, "memberships">) {
  return eb
    .selectFrom("api_keys")
    .select((k) => k.fn.countAll<number>().as("n"))
    .whereRef("api_keys.created_by_user_id", "=", "memberships.user_id")
    .whereRef("api_keys.organization_id", "=", "memberships.organization_id")
    .where("api_keys.revoked_at", "is", null)
    .as("active_keys");
}

export async function findMember(
  db: Kysely<Database>,
  organizationId: string,
  id: string,
): Promise<MemberRow> {
  const row = await membersOf(db, organizationId)
    .select(MEMBER_COLUMNS)
    .select(activeKeysOf)
    .where("memberships.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(`Member ${id}`);
  return row;
}
