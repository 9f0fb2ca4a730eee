import type { Kysely } from "kysely";
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
] as const;

export async function findMember(
  db: Kysely<Database>,
  organizationId: string,
  id: string,
): Promise<MemberRow> {
  const row = await membersOf(db, organizationId)
    .select(MEMBER_COLUMNS)
    .where("memberships.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(`Member ${id}`);
  return row;
}
