import type { Kysely } from "kysely";
import type { Database, Plan } from "@/lib/db/schema";
import { isUniqueViolation } from "@/lib/db/unique-violation";
import { AppError } from "@/lib/errors";
import { newId } from "@/lib/ids";
import type { SignUpInput } from "@/lib/schemas/accounts";
import { type CreatedOrganization, createOrganizationWithOwner } from "./create-organization";
import { hashPassword } from "./password";

export interface SignedUp extends CreatedOrganization {
  userId: string;
}

const emailTaken = () =>
  new AppError("conflict", "An account with this email already exists", {
    errors: [
      { field: "email", code: "taken", message: "An account with this email already exists" },
    ],
  });

/** Creates the user, their organization (they own it) and its first project, all or nothing. */
export async function signUp(
  db: Kysely<Database>,
  input: SignUpInput,
  now: Date,
  plan: Plan = "free",
): Promise<SignedUp> {
  const existing = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", input.email)
    .executeTakeFirst();
  if (existing) throw emailTaken();
  const passwordHash = await hashPassword(input.password);
  const userId = newId("usr");
  const at = now.toISOString();
  try {
    return await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("users")
        .values({
          id: userId,
          email: input.email,
          name: input.name,
          password_hash: passwordHash,
          github_id: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const org = await createOrganizationWithOwner(trx, {
        name: input.organization,
        ownerUserId: userId,
        plan,
        now,
      });
      return { userId, ...org };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
