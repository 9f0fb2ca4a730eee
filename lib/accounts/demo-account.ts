import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { createOrganizationWithOwner } from "./create-organization";
import { hashPassword } from "./password";

export const DEMO_EMAIL = "demo@example.com";
export const DEMO_PASSWORD = "demo-password";
export const DEMO_ORGANIZATION = "Acme Demo";

export interface DemoAccount {
  userId: string;
  organizationId: string;
  projectId: string;
}

/**
 * On an empty store only: a demo owner on the pro plan, so a newcomer's first page is alive. The
 * features that own more demo content (resources, usage...) add it afterwards; lib/runtime.ts
 * (seedDemo) runs them in order.
 */
export async function seedDemoAccount(deps: {
  db: Kysely<Database>;
  now: () => Date;
}): Promise<DemoAccount | null> {
  const { db } = deps;
  const anyUser = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyUser) return null;
  const now = deps.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userId = newId("usr");
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("users")
      .values({
        id: userId,
        email: DEMO_EMAIL,
        name: "Demo User",
        password_hash: passwordHash,
        github_id: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    const org = await createOrganizationWithOwner(trx, {
      name: DEMO_ORGANIZATION,
      ownerUserId: userId,
      plan: "pro",
      now,
    });
    return { userId, organizationId: org.organizationId, projectId: org.projectId };
  });
}
