import type { Redis } from "ioredis";
import { randomBase62 } from "@/lib/ids";
import type { Logger } from "@/lib/logger";
import { createMemoryStreamSlots, type StreamSlot, type StreamSlots } from "./stream-slots";

/**
 * Drops expired entries, then adds one if fewer than ARGV[1] remain. Times come from Redis's own
 * clock so instances with skewed clocks agree on what has expired.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/** Pushes back the expiry of the entries still there; answers the ones that are gone. */
const REFRESH = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local missing = {}
for i = 2, #ARGV do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], now + tonumber(ARGV[1]), ARGV[i])
  else
    table.insert(missing, ARGV[i])
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return missing`;

export interface RedisStreamSlotsOptions {
  redis: Redis;
  logger: Logger;
  /** An entry not refreshed for this long is gone (a crashed instance's streams). */
  ttlMs: number;
  namespace?: string;
}

interface Held {
  key: string;
  member: string;
  onLost: () => void;
}

/**
 * A sorted set per key in Redis: one member per open stream (instance id + a counter), scored by
 * its expiry. Each instance refreshes its members every third of the TTL, so a crashed instance's
 * members expire within the TTL. While Redis cannot be reached, new streams are counted in this
 * process only (the limit then holds per instance), rather than refusing every stream.
 */
export function createRedisStreamSlots(options: RedisStreamSlotsOptions): StreamSlots {
  const { redis, logger, ttlMs } = options;
  const namespace = options.namespace ?? "cap";
  const instance = randomBase62(12);
  let counter = 0;
  const held = new Map<string, Held>();
  const fallback = createMemoryStreamSlots();

  const refresh = async (): Promise<void> => {
    const byKey = new Map<string, string[]>();
    for (const entry of held.values()) {
      const members = byKey.get(entry.key) ?? [];
      members.push(entry.member);
      byKey.set(entry.key, members);
    }
    for (const [key, members] of byKey) {
      try {
        const missing = (await redis.eval(REFRESH, 1, key, ttlMs, ...members)) as string[];
        for (const member of missing) {
          const entry = held.get(member);
          held.delete(member);
          entry?.onLost();
        }
      } catch (error) {
        // Redis away: keep the streams; if it stays away longer than the TTL, the refresh after
        // it returns finds the entries gone and ends those streams.
        logger.warn({ err: (error as Error).message }, "stream slots: refresh failed");
      }
    }
  };
  const timer = setInterval(() => void refresh(), Math.max(100, Math.floor(ttlMs / 3)));
  timer.unref();

  return {
    async acquire(holder, max, onLost) {
      const key = `${namespace}:stream-slots:${holder}`;
      counter += 1;
      const member = `${instance}:${counter}`;
      let added: number;
      try {
        added = Number(await redis.eval(ACQUIRE, 1, key, max, ttlMs, member));
      } catch (error) {
        logger.warn({ err: (error as Error).message }, "stream slots: counting in process");
        return fallback.acquire(holder, max, onLost);
      }
      if (added !== 1) return null;
      held.set(member, { key, member, onLost });
      const slot: StreamSlot = {
        release() {
          if (!held.delete(member)) return;
          // If this fails, the entry expires with the TTL.
          void redis.zrem(key, member).catch(() => undefined);
        },
      };
      return slot;
    },
    async close() {
      clearInterval(timer);
      const entries = [...held.values()];
      held.clear();
      await Promise.all(
        entries.map((entry) => redis.zrem(entry.key, entry.member).catch(() => undefined)),
      );
      for (const entry of entries) entry.onLost();
      await fallback.close();
    },
  };
}
