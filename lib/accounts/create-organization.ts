import type { Kysely } from "kysely";
import type { Database, Plan } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { newId } from "@/lib/ids";
import { slugify, slugWithSuffix } from "./slug";

export interface CreatedOrganization {
  organizationId: string;
  slug: string;
  projectId: string;
}

/** An organization with its owner and its first project, in the caller's transaction. */
export async function createOrganizationWithOwner(
  trx: Kysely<Database>,
  input: { name: string; ownerUserId: string; plan?: Plan; now: Date },
): Promise<CreatedOrganization> {
  const at = input.now.toISOString();
  const organizationId = newId("org");
  let slug = slugify(input.name);
  // The readable slug first; on a clash a random suffix (the unique index is the arbiter).
  for (let attempt = 0; ; attempt++) {
    const taken = await trx
      .selectFrom("organizations")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (!taken) {
      try {
        await trx
          .insertInto("organizations")
          .values({
            id: organizationId,
            slug,
            name: input.name,
            plan: input.plan ?? "free",
            rate_limit_override: null,
            created_at: at,
            updated_at: at,
          })
          .execute();
        break;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt > 5) throw error;
      }
    }
    if (attempt > 5) throw new Error("could not find a free organization slug");
    slug = slugWithSuffix(input.name);
  }
  await trx
    .insertInto("memberships")
    .values({
      id: newId("mem"),
      organization_id: organizationId,
      user_id: input.ownerUserId,
      role: "owner",
      created_at: at,
    })
    .execute();
  const projectId = newId("prj");
  await trx
    .insertInto("projects")
    .values({
      id: projectId,
      organization_id: organizationId,
      slug: "default",
      name: "Default project",
      created_at: at,
    })
    .execute();
  return { organizationId, slug, projectId };
}
