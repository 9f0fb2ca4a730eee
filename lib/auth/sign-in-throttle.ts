import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

/** Failed sign-ins allowed before a block, per account and per client address. */
export const ACCOUNT_FAILURES = { points: 10, durationSeconds: 15 * 60 };
export const ADDRESS_FAILURES = { points: 50, durationSeconds: 15 * 60 };

export interface SignInThrottle {
  /** Seconds until this account or address may try again, or 0 when allowed. */
  retryAfter(email: string, address: string): Promise<number>;
  recordFailure(email: string, address: string): Promise<void>;
  recordSuccess(email: string): Promise<void>;
}

/** Counters live in Redis when the instances share one, so a guesser cannot spread attempts. */
export function createSignInThrottle(redis: Redis | null): SignInThrottle {
  const make = (prefix: string, points: number, duration: number) =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: prefix,
          points,
          duration,
          useRedisPackage: false,
        })
      : new RateLimiterMemory({ keyPrefix: prefix, points, duration });
  const byAccount = make(
    "signin_account",
    ACCOUNT_FAILURES.points,
    ACCOUNT_FAILURES.durationSeconds,
  );
  const byAddress = make(
    "signin_address",
    ADDRESS_FAILURES.points,
    ADDRESS_FAILURES.durationSeconds,
  );

  const blockedFor = async (
    limiter: RateLimiterMemory | RateLimiterRedis,
    key: string,
    points: number,
  ) => {
    const state = await limiter.get(key);
    if (!state || state.consumedPoints < points) return 0;
    return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  };
  const consume = async (limiter: RateLimiterMemory | RateLimiterRedis, key: string) => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  };

  return {
    async retryAfter(email, address) {
      const [account, origin] = await Promise.all([
        blockedFor(byAccount, email, ACCOUNT_FAILURES.points),
        blockedFor(byAddress, address, ADDRESS_FAILURES.points),
      ]);
      return Math.max(account, origin);
    },
    async recordFailure(email, address) {
      await Promise.all([consume(byAccount, email), consume(byAddress, address)]);
    },
    async recordSuccess(email) {
      await byAccount.delete(email);
    },
  };
}
