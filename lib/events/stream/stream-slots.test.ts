import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { randomBase62 } from "@/lib/ids";
import { createLogger } from "@/lib/logger";
import { createMemoryStreamSlots, type StreamSlot, type StreamSlots } from "./stream-slots";
import { createRedisStreamSlots } from "./stream-slots-redis";

const redisUrl = process.env.TEST_REDIS_URL;
const logger = createLogger("silent");

async function take(slots: StreamSlots, holder: string, n: number): Promise<StreamSlot[]> {
  const taken: StreamSlot[] = [];
  for (let i = 0; i < n; i++) {
    const slot = await slots.acquire(holder, 10, () => undefined);
    expect(slot).not.toBeNull();
    taken.push(slot as StreamSlot);
  }
  return taken;
}

describe("stream slots in process", () => {
  it("counts per holder, frees on release, and ends every holder's stream at close", async () => {
    const slots = createMemoryStreamSlots();
    const lost: string[] = [];
    const first = await slots.acquire("key_a", 2, () => lost.push("a1"));
    await slots.acquire("key_a", 2, () => lost.push("a2"));
    expect(await slots.acquire("key_a", 2, () => undefined)).toBeNull();
    expect(await slots.acquire("key_b", 2, () => lost.push("b1"))).not.toBeNull();
    first?.release();
    first?.release(); // twice is once
    const again = await slots.acquire("key_a", 2, () => lost.push("a3"));
    expect(again).not.toBeNull();
    expect(await slots.acquire("key_a", 2, () => undefined)).toBeNull();
    await slots.close();
    expect(lost.sort()).toEqual(["a2", "a3", "b1"]);
  });
});

/** Two instances' counters on one Redis, as two API processes would have. */
describe.skipIf(!redisUrl)("stream slots in Redis", () => {
  const clients: Redis[] = [];
  const client = () => {
    const redis = new Redis(redisUrl as string, { maxRetriesPerRequest: 1 });
    clients.push(redis);
    return redis;
  };
  const namespace = `t${randomBase62(8)}`;
  afterAll(() => {
    for (const redis of clients) redis.disconnect();
  });

  it("holds 10 per key across instances; a release or a close frees slots at once", async () => {
    const a = createRedisStreamSlots({ redis: client(), logger, ttlMs: 5000, namespace });
    const b = createRedisStreamSlots({ redis: client(), logger, ttlMs: 5000, namespace });
    const holder = `key_${randomBase62(8)}`;
    const onA = await take(a, holder, 6);
    await take(b, holder, 4);
    expect(await a.acquire(holder, 10, () => undefined)).toBeNull();
    expect(await b.acquire(holder, 10, () => undefined)).toBeNull();
    onA[0]?.release();
    expect(await b.acquire(holder, 10, () => undefined)).not.toBeNull();
    expect(await b.acquire(holder, 10, () => undefined)).toBeNull();
    await a.close();
    await take(b, holder, 5);
    await b.close();
  });

  it("lets a vanished instance's slots expire after the TTL, and keeps a live one's", async () => {
    const ttlMs = 900;
    const crashingRedis = client();
    const crashing = createRedisStreamSlots({ redis: crashingRedis, logger, ttlMs, namespace });
    const alive = createRedisStreamSlots({ redis: client(), logger, ttlMs, namespace });
    const holder = `key_${randomBase62(8)}`;
    await take(crashing, holder, 5);
    await take(alive, holder, 5);
    // The crashing instance stops refreshing (its connection is gone); the live one goes on.
    crashingRedis.disconnect();
    expect(await alive.acquire(holder, 10, () => undefined)).toBeNull();
    await new Promise((r) => setTimeout(r, ttlMs * 2));
    // The five of the vanished instance are gone; the live instance's five were refreshed.
    await take(alive, holder, 5);
    expect(await alive.acquire(holder, 10, () => undefined)).toBeNull();
    await alive.close();
    await crashing.close();
  });
});
