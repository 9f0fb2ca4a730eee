import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WriteLease } from "@/lib/db/sqlite-write-lease";
import { createLogger } from "@/lib/logger";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import {
  createTestRuntime,
  type StoreTarget,
  storeTargets,
  type TestRuntime,
} from "@/lib/testing/test-runtime";
import { openUsageSink } from "./usage-sink";
import { UsageWriter } from "./usage-writer";

const logger = createLogger("silent");

describe.each(storeTargets())("usage sink on %s", (target: StoreTarget) => {
  let runtime: TestRuntime;

  beforeAll(async () => {
    // The runtime meters through its own sink thread too: two threads and the API share the lease.
    runtime = await createTestRuntime(target, { usageInProcess: false });
  });
  afterAll(() => runtime.close());

  const stored = async (org: TestOrganization) => {
    const raw = await runtime.store.db
      .selectFrom("request_log")
      .innerJoin("request_series", "request_series.id", "request_log.series_id")
      .select(["request_log.request_id"])
      .where("request_series.organization_id", "=", org.organizationId)
      // Only this test's records: the API calls beside them are metered by the runtime's writer.
      .where("request_series.route", "=", "/v1/regions")
      .execute();
    const minutes = await runtime.store.db
      .selectFrom("usage_rollups")
      .select((eb) => eb.fn.sum<number>("requests").as("requests"))
      .where("organization_id", "=", org.organizationId)
      .where("route", "=", "/v1/regions")
      .where("granularity", "=", "minute")
      .executeTakeFirst();
    return {
      ids: raw.map((row) => row.request_id),
      minuteRequests: Number(minutes?.requests ?? 0),
    };
  };

  const record = (writer: UsageWriter, org: TestOrganization, count: number, tag: string) => {
    for (let i = 0; i < count; i++) {
      writer.record({
        at: Date.now(),
        organizationId: org.organizationId,
        projectId: org.projectId,
        environment: "live",
        keyId: null,
        method: "GET",
        route: "/v1/regions",
        status: i % 10 === 0 ? 404 : 200,
        latencyMs: 1,
        bytesIn: 0,
        bytesOut: 10,
        requestId: `req_${tag}${String(i).padStart(6, "0")}`,
        userAgent: `agent ${i % 7}`,
      });
    }
  };

  it("writes from a worker thread, every record once, while the API writes beside it", async () => {
    const sink = openUsageSink(runtime.store, logger);
    expect(sink.runsIn).toBe("thread");
    const writer = new UsageWriter(runtime.store.db, runtime.store.kind, logger, {
      sink,
      intervalMs: 60_000,
      flushAt: 1_000_000,
    });
    const org = await createTestOrganization(runtime, "enterprise");
    const key = await createTestKey(runtime, org);
    record(writer, org, 3000, "a");
    // API writes (group commits on the main connection) while the batch is being stored.
    const [written, ...answers] = await Promise.all([
      writer.flush(),
      ...Array.from({ length: 30 }, (_, i) =>
        apiRequest(runtime, "POST", "/v1/api-keys", {
          key: key.secret,
          body: { name: `beside ${i}` },
        }),
      ),
    ]);
    expect(written).toBe(3000);
    expect(answers.map((res) => res.status)).toEqual(Array(30).fill(201));
    record(writer, org, 500, "b");
    await writer.close();
    const { ids, minuteRequests } = await stored(org);
    expect(ids).toHaveLength(3500);
    expect(new Set(ids).size).toBe(3500);
    expect(minuteRequests).toBe(3500);
    const keys = await runtime.store.db
      .selectFrom("api_keys")
      .select("id")
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(keys).toHaveLength(31);
  });

  it("writes in this thread for an in-memory store", () => {
    const { sqliteFile: _file, postgresUrl: _url, ...inMemory } = runtime.store;
    expect(openUsageSink(inMemory, logger).runsIn).toBe("this thread");
  });

  it.runIf(target === "sqlite")(
    "carries on in this thread when the thread cannot open the file, losing and doubling nothing",
    async () => {
      const sink = openUsageSink(
        {
          ...runtime.store,
          sqliteFile: { path: "/nonexistent-dir/usage.sqlite", lease: new WriteLease() },
        },
        logger,
      );
      const writer = new UsageWriter(runtime.store.db, runtime.store.kind, logger, {
        sink,
        intervalMs: 60_000,
      });
      const org = await createTestOrganization(runtime, "pro");
      record(writer, org, 400, "c");
      let written = await writer.flush();
      // The first batch may have been sent before the thread failed: it is kept, not lost.
      if (written === 0) {
        expect(writer.pending).toBe(400);
        written = await writer.flush();
      }
      expect(written).toBe(400);
      expect(sink.runsIn).toBe("this thread");
      await writer.close();
      const { ids, minuteRequests } = await stored(org);
      expect(new Set(ids).size).toBe(400);
      expect(ids).toHaveLength(400);
      expect(minuteRequests).toBe(400);
    },
  );
});
