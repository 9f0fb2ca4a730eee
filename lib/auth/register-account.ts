import type { Redis } from "ioredis";
import type { Kysely } from "kysely";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { signUp } from "@/lib/accounts/sign-up";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { signUpSchema } from "@/lib/schemas/accounts";

export type RegisterResult =
  | { ok: true; email: string }
  | { ok: false; message: string; fieldErrors: Record<string, string> };

/**
 * Sign-ups allowed per client address per hour by default (scripted account farming is the
 * threat); SIGNUP_LIMIT_PER_HOUR overrides it (config.signupLimitPerHour).
 */
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 20;

/** What signing up needs from the process (the runtime has this shape; one limiter per runtime). */
export interface RegisterAccountDeps {
  store: { db: Kysely<Database> };
  redis: Redis | null;
  config: { signupLimitPerHour: number };
  now: () => Date;
}

const limiters = new WeakMap<RegisterAccountDeps, RateLimiterMemory | RateLimiterRedis>();
function limiterOf(runtime: RegisterAccountDeps): RateLimiterMemory | RateLimiterRedis {
  let limiter = limiters.get(runtime);
  if (!limiter) {
    const options = {
      keyPrefix: "signup_address",
      points: runtime.config.signupLimitPerHour,
      duration: 3600,
    };
    limiter = runtime.redis
      ? new RateLimiterRedis({ ...options, storeClient: runtime.redis, useRedisPackage: false })
      : new RateLimiterMemory(options);
    limiters.set(runtime, limiter);
  }
  return limiter;
}

/** The sign-up form's whole server side: validation, throttling, creation; errors per field. */
export async function registerAccount(
  runtime: RegisterAccountDeps,
  raw: Record<string, unknown>,
  address: string,
): Promise<RegisterResult> {
  const parsed = signUpSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "form");
      fieldErrors[field] ??= issue.message;
    }
    return { ok: false, message: "Please correct the highlighted fields.", fieldErrors };
  }
  try {
    await limiterOf(runtime).consume(address);
  } catch (error) {
    if (error instanceof RateLimiterRes) {
      const minutes = Math.ceil(error.msBeforeNext / 60_000);
      return {
        ok: false,
        message: `Too many sign-ups from your network. Try again in ${minutes} minutes.`,
        fieldErrors: {},
      };
    }
    throw error;
  }
  try {
    await signUp(runtime.store.db, parsed.data, runtime.now());
    return { ok: true, email: parsed.data.email };
  } catch (error) {
    // The password hashing queue is full: a moment later there is room.
    if (error instanceof AppError && error.code === "rate_limited") {
      return { ok: false, message: error.message, fieldErrors: {} };
    }
    if (error instanceof AppError && error.errors?.length) {
      return {
        ok: false,
        message: error.message,
        fieldErrors: Object.fromEntries(error.errors.map((e) => [e.field, e.message])),
      };
    }
    throw error;
  }
}
