import { createOrganizationWithOwner } from "@/lib/accounts/create-organization";
import { hashPassword } from "@/lib/accounts/password";
import { newId } from "@/lib/ids";
import type { Runtime } from "@/lib/runtime";

export const DEMO_EMAIL = "demo@example.com";
export const DEMO_PASSWORD = "demo-password";
export const DEMO_ORGANIZATION = "Acme Demo";

export interface DemoAccount {
  userId: string;
  organizationId: string;
  projectId: string;
}

/** Extra demo content (resources, usage...) registered by the features that own it. */
type DemoSeeder = (runtime: Runtime, account: DemoAccount) => Promise<void>;
const seeders: DemoSeeder[] = [];

export function addDemoSeeder(seeder: DemoSeeder): void {
  seeders.push(seeder);
}

/** On an empty store only: a demo owner on the pro plan, so a newcomer's first page is alive. */
export async function seedDemo(runtime: Runtime): Promise<DemoAccount | null> {
  const { db } = runtime.store;
  const anyUser = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (anyUser) return null;
  const now = runtime.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userId = newId("usr");
  const account = await db.transaction().execute(async (trx) => {
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
  for (const seeder of seeders) await seeder(runtime, account);
  runtime.logger.info({ email: DEMO_EMAIL }, "seeded the demo account");
  return account;
}
