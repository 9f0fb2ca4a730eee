import type { Kysely } from "kysely";
import { createOrganizationWithOwner } from "@/lib/accounts/create-organization";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/lib/ids";

export interface GithubProfile {
  githubId: string;
  email: string | null;
  emailVerified: boolean;
  name: string;
  login: string;
}

/**
 * Finds or creates our user for a GitHub sign-in. An existing account is linked only through a
 * verified email, so nobody can take over an account by naming its address on GitHub.
 */
export async function upsertGithubUser(
  db: Kysely<Database>,
  profile: GithubProfile,
  now: Date,
): Promise<string> {
  const linked = await db
    .selectFrom("users")
    .select("id")
    .where("github_id", "=", profile.githubId)
    .executeTakeFirst();
  if (linked) return linked.id;
  const email = profile.email?.toLowerCase() ?? null;
  if (email && profile.emailVerified) {
    const byEmail = await db
      .selectFrom("users")
      .select(["id", "github_id"])
      .where("email", "=", email)
      .executeTakeFirst();
    if (byEmail && !byEmail.github_id) {
      await db
        .updateTable("users")
        .set({ github_id: profile.githubId, updated_at: now.toISOString() })
        .where("id", "=", byEmail.id)
        .execute();
      return byEmail.id;
    }
    if (byEmail) throw new Error("This email is linked to another GitHub account");
  }
  const userId = newId("usr");
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email: email ?? `${profile.login}+${profile.githubId}@users.noreply.github.com`,
        name: profile.name || profile.login,
        password_hash: null,
        github_id: profile.githubId,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await createOrganizationWithOwner(trx, {
      name: `${profile.name || profile.login}'s organization`,
      ownerUserId: userId,
      now,
    });
  });
  return userId;
}
