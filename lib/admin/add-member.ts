import type { Kysely } from "kysely";
import { organizationWide, recordAudit } from "@/lib/audit/record-audit";
import type { Database, Role } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { newId } from "@/lib/ids";

export interface AddMemberInput {
  slug: string;
  email: string;
  role: Role;
  /** Creates the user when no account has this email (a hash from lib/accounts/password). */
  newUser?: { name: string; passwordHash: string } | undefined;
  actor: string;
  now: Date;
}

export interface AddMemberResult {
  userId: string;
  organizationId: string;
  role: Role;
  createdUser: boolean;
  /** The user was already a member: only the role changed (or nothing). */
  existed: boolean;
}

/**
 * An operator adds a user to an organization with a role (or changes the role of a member),
 * recorded in the audit log. Without `newUser`, the account must already exist.
 */
export async function addMember(
  db: Kysely<Database>,
  input: AddMemberInput,
): Promise<AddMemberResult> {
  const at = input.now.toISOString();
  return db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom("organizations")
      .select("id")
      .where("slug", "=", input.slug)
      .executeTakeFirst();
    if (!org) throw notFound(`Organization ${input.slug}`);
    let user = await trx
      .selectFrom("users")
      .select("id")
      .where("email", "=", input.email)
      .executeTakeFirst();
    let createdUser = false;
    if (!user) {
      if (!input.newUser) throw notFound(`A user with email ${input.email}`);
      user = { id: newId("usr") };
      await trx
        .insertInto("users")
        .values({
          id: user.id,
          email: input.email,
          name: input.newUser.name,
          password_hash: input.newUser.passwordHash,
          github_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      createdUser = true;
    }
    const existing = await trx
      .selectFrom("memberships")
      .select(["id", "role"])
      .where("organization_id", "=", org.id)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (existing) {
      await trx
        .updateTable("memberships")
        .set({ role: input.role })
        .where("id", "=", existing.id)
        .execute();
    } else {
      await trx
        .insertInto("memberships")
        .values({
          id: newId("mem"),
          organization_id: org.id,
          user_id: user.id,
          role: input.role,
          created_at: at,
        })
        .execute();
    }
    await recordAudit(
      trx,
      {
        actor: { type: "system", id: input.actor },
        source: "cli",
        ...organizationWide(org.id),
        at: input.now,
      },
      {
        action: existing ? "member.role_changed" : "member.added",
        targets: [{ type: "user", id: user.id, name: input.email }],
        before: existing ? { role: existing.role } : null,
        after: { email: input.email, role: input.role },
      },
    );
    return {
      userId: user.id,
      organizationId: org.id,
      role: input.role,
      createdUser,
      existed: Boolean(existing),
    };
  });
}
