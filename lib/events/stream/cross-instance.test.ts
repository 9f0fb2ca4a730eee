import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiProcess, killApiProcess, startApiProcess } from "@/lib/testing/api-process";
import { apiRequest, createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { dropSharedSchema, sharedStoreOptions } from "@/lib/testing/resource-fixtures";
import { FrameReader } from "@/lib/testing/sse-frames";
import { createTestRuntime, type TestRuntime } from "@/lib/testing/test-runtime";
import { STREAM_TIMINGS } from "./event-stream";

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
// The lead's ports (3400-3409): one writing instance per variant.
const variants: Array<{ bus: string; port: number; redis: boolean }> = [
  { bus: "PostgreSQL LISTEN/NOTIFY", port: 3405, redis: false },
  ...(redisUrl ? [{ bus: "Redis pub/sub", port: 3406, redis: true }] : []),
];

/**
 * Two instances on one PostgreSQL store: a real API process writes, this process streams. The
 * stream's safety-net poll is set to a minute here, so an event that arrives in time can only
 * have come through the bus between the two processes.
 */
describe.skipIf(!pgUrl).each(variants)("an event stream across instances, over $bus", (variant) => {
  let reader: TestRuntime;
  let writer: ApiProcess | undefined;
  let dataDir: string;
  const savedPoll = STREAM_TIMINGS.pollMs;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "cap-cross-"));
    reader = await createTestRuntime("postgres", {
      ...sharedStoreOptions("postgres"),
      redis: variant.redis,
    });
    const url = new URL(pgUrl as string);
    url.searchParams.set("options", `-c search_path=${reader.postgresSchema}`);
    writer = await startApiProcess(variant.port, {
      DATA_DIR: dataDir,
      DATABASE_URL: url.toString(),
      DATABASE_POOL_SIZE: "3",
      REDIS_URL: variant.redis ? (redisUrl as string) : "",
      NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
      PROVISION_DELAY_MS: "60000",
    });
    STREAM_TIMINGS.pollMs = 60_000;
  }, 60_000);

  afterAll(async () => {
    STREAM_TIMINGS.pollMs = savedPoll;
    await killApiProcess(writer);
    await reader?.close();
    await dropSharedSchema(reader?.postgresSchema ?? null);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("delivers what the other instance commits, in order, well within the goal", async () => {
    const org = await createTestOrganization(reader, "pro");
    const key = (await createTestKey(reader, org)).secret;
    const res = await apiRequest(reader, "GET", "/v1/events/stream?type=resource.created", {
      key,
    });
    expect(res.status).toBe(200);
    const frames = new FrameReader(res);
    expect((await frames.next())?.retry).toBe("3000");
    // The first write also tells us both processes are subscribed before anything is timed.
    const latencies: number[] = [];
    const names: string[] = [];
    for (let i = 0; i < 6; i++) {
      const name = `cross-${i}`;
      const created = await fetch(`${writer?.base}/v1/resources`, {
        method: "POST",
        headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name, region: "us-east-1" }),
      });
      const answeredAt = performance.now();
      expect(created.status, await created.clone().text()).toBe(201);
      const [event] = await frames.events(1);
      latencies.push(performance.now() - answeredAt);
      names.push((event?.data as { name?: string } | undefined)?.name ?? "");
    }
    await frames.close();
    expect(names).toEqual(names.map((_, i) => `cross-${i}`));
    latencies.sort((a, b) => a - b);
    // Goal 100 ms; loopback takes a few. 1 s (the default poll) would mean the bus was not used.
    expect(latencies.at(-1)).toBeLessThan(900);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(250);
  }, 60_000);
});
