import type { Redis } from "ioredis";
import { type Kysely, sql } from "kysely";
import type { Database } from "@/lib/db/schema";

/** Failed sign-ins allowed before a block, per account and per client address. */
export const ACCOUNT_FAILURES = { points: 10, durationSeconds: 15 * 60 };
export const ADDRESS_FAILURES = { points: 50, durationSeconds: 15 * 60 };

/**
 * Sign-in attempts are reserved before the password is checked, so parallel guesses cannot all
 * pass a check made before any of them was counted: each reservation is one atomic increment,
 * and only the ones within the limit go on to the password check.
 */
export interface SignInThrottle {
  /** Reserves one attempt for the account and the address: 0 when reserved, else seconds to wait. */
  reserve(email: string, address: string): Promise<number>;
  /** The reserved attempt was not checked after all (the hashing queue was full). */
  release(email: string, address: string): Promise<void>;
  /** The password was right: the account starts afresh, and the address gets its attempt back. */
  succeeded(email: string, address: string): Promise<void>;
}

/** One fixed-window counter per key. */
export interface AttemptCounter {
  /** One more attempt: the count in the window (this one included) and ms until it ends. */
  add(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  /** One attempt fewer (never below zero, never reopening an ended window). */
  remove(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

const PRUNE_EVERY_MS = 60_000;

/** Counters in the store (SQLite or PostgreSQL): one upsert per attempt. */
export function storeAttemptCounter(db: Kysely<Database>, now: () => Date): AttemptCounter {
  let pruneAfter = 0;
  const prune = (at: Date) => {
    if (at.getTime() < pruneAfter) return;
    pruneAfter = at.getTime() + PRUNE_EVERY_MS;
    // Ended windows mean nothing any more; keeps rows for guessed emails from piling up.
    db.deleteFrom("sign_in_attempts")
      .where("window_ends_at", "<=", at.toISOString())
      .execute()
      .catch(() => {
        pruneAfter = 0;
      });
  };
  return {
    async add(key, windowMs) {
      const at = now();
      const nowIso = at.toISOString();
      const windowEnds = new Date(at.getTime() + windowMs).toISOString();
      // Both SET expressions read the row as it was, so an ended window restarts at 1.
      const row = await db
        .insertInto("sign_in_attempts")
        .values({ key, attempts: 1, window_ends_at: windowEnds })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            attempts: sql<number>`case when sign_in_attempts.window_ends_at <= ${nowIso} then 1 else sign_in_attempts.attempts + 1 end`,
            window_ends_at: sql<string>`case when sign_in_attempts.window_ends_at <= ${nowIso} then excluded.window_ends_at else sign_in_attempts.window_ends_at end`,
          }),
        )
        .returning(["attempts", "window_ends_at"])
        .executeTakeFirstOrThrow();
      prune(at);
      return {
        count: Number(row.attempts),
        resetInMs: Date.parse(row.window_ends_at) - at.getTime(),
      };
    },
    async remove(key) {
      await db
        .updateTable("sign_in_attempts")
        .set({ attempts: sql<number>`attempts - 1` })
        .where("key", "=", key)
        .where("attempts", ">", 0)
        .where("window_ends_at", ">", now().toISOString())
        .execute();
    },
    async clear(key) {
      await db.deleteFrom("sign_in_attempts").where("key", "=", key).execute();
    },
  };
}

// DECR only an existing, positive counter: a missing key must not come back without its expiry.
const REMOVE_SCRIPT =
  "if (tonumber(redis.call('get', KEYS[1]) or '0') > 0) then return redis.call('decr', KEYS[1]) end return 0";

/** Counters in Redis, shared by every instance: SET NX PX + INCR + PTTL in one transaction. */
export function redisAttemptCounter(redis: Redis, prefix = "signin:"): AttemptCounter {
  return {
    async add(key, windowMs) {
      const replies = await redis
        .multi()
        .set(`${prefix}${key}`, "0", "PX", windowMs, "NX")
        .incr(`${prefix}${key}`)
        .pttl(`${prefix}${key}`)
        .exec();
      const failed = replies?.find(([error]) => error);
      if (!replies || failed) throw failed?.[0] ?? new Error("redis transaction was discarded");
      return { count: Number(replies[1]?.[1]), resetInMs: Math.max(0, Number(replies[2]?.[1])) };
    },
    async remove(key) {
      await redis.eval(REMOVE_SCRIPT, 1, `${prefix}${key}`);
    },
    async clear(key) {
      await redis.del(`${prefix}${key}`);
    },
  };
}

/**
 * Per account and per address, in Redis when the instances share one (or in the store they
 * share otherwise), so a guesser can spread attempts over neither instances nor restarts.
 */
export function createSignInThrottle(deps: {
  db: Kysely<Database>;
  redis: Redis | null;
  now: () => Date;
  /** Namespaces the Redis keys (tests sharing one Redis). */
  redisPrefix?: string;
}): SignInThrottle {
  const counter = deps.redis
    ? redisAttemptCounter(deps.redis, deps.redisPrefix)
    : storeAttemptCounter(deps.db, deps.now);
  const accountKey = (email: string) => `account:${email}`;
  const addressKey = (address: string) => `address:${address}`;
  const release = async (email: string, address: string) => {
    await Promise.all([counter.remove(accountKey(email)), counter.remove(addressKey(address))]);
  };
  return {
    async reserve(email, address) {
      const [account, origin] = await Promise.all([
        counter.add(accountKey(email), ACCOUNT_FAILURES.durationSeconds * 1000),
        counter.add(addressKey(address), ADDRESS_FAILURES.durationSeconds * 1000),
      ]);
      const accountOver = account.count > ACCOUNT_FAILURES.points;
      const addressOver = origin.count > ADDRESS_FAILURES.points;
      if (!accountOver && !addressOver) return 0;
      // Refused: this attempt is not checked, so it does not count.
      await release(email, address);
      const waitMs = Math.max(
        accountOver ? account.resetInMs : 0,
        addressOver ? origin.resetInMs : 0,
      );
      return Math.max(1, Math.ceil(waitMs / 1000));
    },
    release,
    async succeeded(email, address) {
      await Promise.all([counter.clear(accountKey(email)), counter.remove(addressKey(address))]);
    },
  };
}
