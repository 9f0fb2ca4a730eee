import type { Kysely } from "kysely";
import { decoyHash, verifyPassword } from "@/lib/accounts/password";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { signInSchema } from "@/lib/schemas/accounts";
import type { SignInThrottle } from "./sign-in-throttle";

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "throttled"; retryAfterSeconds?: number };

/**
 * Email + password check with throttling per account and per address. The attempt is reserved
 * before the password is checked (so parallel guesses get no more checks than the limit), and
 * unknown accounts cost the same scrypt work as known ones, so timing does not reveal which
 * emails exist.
 */
export async function verifyCredentials(
  db: Kysely<Database>,
  throttle: SignInThrottle,
  input: { email: unknown; password: unknown; address: string },
): Promise<CredentialsResult> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const wait = await throttle.reserve(email, input.address);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  let user: { id: string; email: string; name: string; password_hash: string | null } | undefined;
  let valid: boolean;
  try {
    user = await db
      .selectFrom("users")
      .select(["id", "email", "name", "password_hash"])
      .where("email", "=", email)
      .executeTakeFirst();
    valid = await verifyPassword(password, user?.password_hash ?? (await decoyHash()));
  } catch (error) {
    // Not checked (the hashing queue is full, or the store failed): the attempt is given back.
    await throttle.release(email, input.address);
    if (error instanceof AppError && error.code === "rate_limited") {
      return { ok: false, reason: "throttled", retryAfterSeconds: 1 };
    }
    throw error;
  }
  // A failure keeps its reservation: that is what counts towards the block.
  if (!user?.password_hash || !valid) return { ok: false, reason: "invalid" };
  await throttle.succeeded(email, input.address);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
