import type { Kysely } from "kysely";
import { decoyHash, verifyPassword } from "@/lib/accounts/password";
import type { Database } from "@/lib/db/schema";
import { signInSchema } from "@/lib/schemas/accounts";
import type { SignInThrottle } from "./sign-in-throttle";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "throttled"; retryAfterSeconds?: number };

/**
 * Email + password check with throttling per account and per address. Unknown accounts cost the
 * same scrypt work as known ones, so timing does not reveal which emails exist.
 */
export async function verifyCredentials(
  db: Kysely<Database>,
  throttle: SignInThrottle,
  input: { email: unknown; password: unknown; address: string },
): Promise<CredentialsResult> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const wait = await throttle.retryAfter(email, input.address);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name", "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
  const valid = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
  if (!user?.password_hash || !valid) {
    await throttle.recordFailure(email, input.address);
    return { ok: false, reason: "invalid" };
  }
  await throttle.recordSuccess(email);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
