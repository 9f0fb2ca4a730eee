import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiProcess, killApiProcess, startApiProcess } from "@/lib/testing/api-process";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { dropSharedSchema, sharedStoreOptions } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, type TestRuntime } from "@/lib/testing/test-runtime";

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;
/** Short, so a killed instance's slots come back within the test. */
const TTL_MS = 3000;
// This branch's ports (3550-3559): two instances per variant.
const variants: Array<{ counter: string; ports: [number, number]; redis: boolean }> = [
  { counter: "PostgreSQL advisory locks", ports: [3550, 3551], redis: false },
  ...(redisUrl ? [{ counter: "Redis", ports: [3552, 3553] as [number, number], redis: true }] : []),
];

interface OpenStream {
  status: number;
  res: Response;
  close: () => void;
}

async function openStream(base: string, key: string): Promise<OpenStream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/v1/events/stream`, {
    headers: { Authorization: `Bearer ${key}` },
    signal: abort.signal,
  });
  if (res.status === 200) {
    // The first frame (retry: 3000) says the stream is really open.
    const reader = res.body?.getReader();
    await reader?.read();
  }
  return { status: res.status, res, close: () => abort.abort() };
}

/** Opens a stream every 100 ms until one is accepted; answers how long that took. */
async function openWhenFree(base: string, key: string, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const stream = await openStream(base, key);
    if (stream.status === 200) {
      stream.close();
      return Date.now() - started;
    }
    expect(stream.status).toBe(429);
    if (Date.now() - started > withinMs) throw new Error(`no slot came back in ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * "At most 10 open streams per key" across two real API processes on one PostgreSQL store:
 * counted in Redis when REDIS_URL is set, else with PostgreSQL advisory locks.
 */
describe.skipIf(!pgUrl).each(variants)(
  "the stream limit across instances, over $counter",
  (variant) => {
    let fixtures: TestRuntime;
    const instances: Array<ApiProcess | undefined> = [undefined, undefined];
    let dataDirs: string[] = [];
    let databaseUrl: string;
    const streams: OpenStream[] = [];

    const start = async (i: 0 | 1): Promise<ApiProcess> => {
      const started = await startApiProcess(variant.ports[i], {
        DATA_DIR: dataDirs[i] as string,
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: "3",
        REDIS_URL: variant.redis ? (redisUrl as string) : "",
        NEXTAUTH_SECRET: "test-secret-test-secret-test-secret-0123",
        PROVISION_DELAY_MS: "60000",
        EVENT_STREAM_SLOT_TTL_MS: String(TTL_MS),
      });
      instances[i] = started;
      return started;
    };
    const base = (i: 0 | 1) => instances[i]?.base as string;
    const newKey = async () => {
      const org = await createTestOrganization(fixtures, "pro");
      return (await createTestKey(fixtures, org)).secret;
    };
    /** Opens n streams on instance i, each accepted. */
    const fill = async (i: 0 | 1, key: string, n: number) => {
      for (let k = 0; k < n; k++) {
        const stream = await openStream(base(i), key);
        expect(stream.status).toBe(200);
        streams.push(stream);
      }
    };

    beforeAll(async () => {
      dataDirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), "cap-slots-")));
      fixtures = await createTestRuntime("postgres", sharedStoreOptions("postgres"));
      const url = new URL(pgUrl as string);
      url.searchParams.set("options", `-c search_path=${fixtures.postgresSchema}`);
      databaseUrl = url.toString();
      await Promise.all([start(0), start(1)]);
    }, 90_000);

    afterAll(async () => {
      for (const stream of streams) stream.close();
      await Promise.all(instances.map((instance) => killApiProcess(instance)));
      await fixtures?.close();
      await dropSharedSchema(fixtures?.postgresSchema ?? null);
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    });

    it("refuses the 11th stream on either instance; closing one frees a slot", async () => {
      const key = await newKey();
      await fill(0, key, 5);
      await fill(1, key, 5);
      for (const i of [0, 1] as const) {
        const refused = await openStream(base(i), key);
        expect(refused.status).toBe(429);
        expect(refused.res.headers.get("content-type")).toBe("application/problem+json");
        expect(refused.res.headers.get("retry-after")).toBe("5");
        expect(((await refused.res.json()) as { code: string }).code).toBe("rate_limited");
      }
      // A stream closed on instance 0 makes room on instance 1.
      streams.shift()?.close();
      expect(await openWhenFree(base(1), key, 2000)).toBeLessThan(2000);
      // Another key is counted apart.
      const other = await openStream(base(0), await newKey());
      expect(other.status).toBe(200);
      other.close();
    }, 60_000);

    it("gives a stopped instance's slots back at shutdown, well before they would expire", async () => {
      const key = await newKey();
      await fill(0, key, 4);
      await fill(1, key, 6);
      expect((await openStream(base(0), key)).status).toBe(429);
      const stopping = instances[1] as ApiProcess;
      await new Promise<void>((resolve) => {
        stopping.child.once("exit", () => resolve());
        stopping.child.kill("SIGTERM");
      });
      expect(await openWhenFree(base(0), key, TTL_MS)).toBeLessThan(TTL_MS / 2);
      await start(1);
    }, 90_000);

    it("gives a killed instance's slots back once they expire", async () => {
      const key = await newKey();
      await fill(0, key, 4);
      await fill(1, key, 6);
      const killedAt = Date.now();
      await killApiProcess(instances[1]);
      // Entries in Redis outlive their instance until the TTL; PostgreSQL drops a dead
      // connection's locks at once.
      if (variant.redis) expect((await openStream(base(0), key)).status).toBe(429);
      // The six expire within a TTL of their last refresh: each one that has is taken (and kept
      // open) on the surviving instance until all six have come back.
      let back = 0;
      while (back < 6) {
        expect(Date.now() - killedAt).toBeLessThan(TTL_MS + 3000);
        const stream = await openStream(base(0), key);
        if (stream.status === 200) {
          streams.push(stream);
          back += 1;
        } else {
          expect(stream.status).toBe(429);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      // 4 + 6 open on the surviving instance: the limit again.
      expect((await openStream(base(0), key)).status).toBe(429);
    }, 60_000);
  },
);
