import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogListDto } from "@/lib/schemas/request-logs";
import type { UsageDto } from "@/lib/schemas/usage";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { rollupRequestUsage } from "@/lib/usage/rollup-requests";
import { pruneRequestLogs } from "./retention-jobs";

const DAY = 24 * 60 * 60 * 1000;

describe.each(storeTargets())("request log retention on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: { id: string; secret: string };
  // The usage writer stamps rows with the real time: the test clock starts there.
  const clock = new TestClock(Date.now());
  const oldAt = clock.now().getTime() - 12 * DAY;
  let recentId = "";

  const logIds = async () => {
    await runtime.usage.flush();
    const page = await call<RequestLogListDto>(
      runtime,
      "GET",
      "/v1/request-logs?per_page=100",
      key.secret,
      200,
    );
    return page.data.map((e) => e.id);
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target, {
      now: clock.now,
      env: { REQUEST_LOG_RETENTION_DAYS: "10" },
    });
    org = await createTestOrganization(runtime, "pro");
    key = await createTestKey(runtime, org);
    const res = await apiRequest(runtime, "GET", "/v1/regions", { key: key.secret });
    recentId = res.headers.get("x-request-id") ?? "";
    // A request answered 12 days ago, recorded as the API records one.
    runtime.usage.record({
      at: oldAt,
      organizationId: org.organizationId,
      projectId: org.projectId,
      environment: "live",
      keyId: key.id,
      method: "GET",
      route: "/v1/regions",
      status: 200,
      latencyMs: 1.5,
      bytesIn: 0,
      bytesOut: 100,
      requestId: "req_twelvedaysago0001",
      path: "/v1/regions",
    });
    await runtime.usage.flush();
  });
  afterAll(() => runtime.close());

  it("keeps every row the rollups have not passed, whatever its age", async () => {
    expect(await pruneRequestLogs(runtime.store.db, clock.now(), 10)).toBe(0);
    expect(await logIds()).toContain("req_twelvedaysago0001");
  });

  it("prunes past REQUEST_LOG_RETENTION_DAYS with the hourly job; the usage figures stay", async () => {
    await rollupRequestUsage(runtime.store.db, runtime.store.kind, clock.now());
    const usageOfThatDay = async () => {
      const from = new Date(oldAt).toISOString().slice(0, 10);
      const to = new Date(oldAt + DAY).toISOString().slice(0, 10);
      const body = await call<UsageDto>(
        runtime,
        "GET",
        `/v1/usage?from=${from}&to=${to}&granularity=day&key_id=${key.id}`,
        key.secret,
        200,
      );
      return "requests" in body.totals ? body.totals.requests : -1;
    };
    expect(await usageOfThatDay()).toBe(1);
    // The prune job runs on the hour: let one pass.
    clock.advance(60 * 60 * 1000);
    await runtime.jobs.drain();
    const ids = await logIds();
    expect(ids).not.toContain("req_twelvedaysago0001");
    expect(ids).toContain(recentId);
    expect(await usageOfThatDay()).toBe(1);
    const left = await runtime.store.db
      .selectFrom("request_log")
      .select((eb) => eb.fn.min("ts").as("oldest"))
      .executeTakeFirstOrThrow();
    expect(Number(left.oldest)).toBeGreaterThan(clock.now().getTime() - 10 * DAY);
  });

  it("deletes in slices until nothing older is left", async () => {
    const base = clock.now().getTime() - 20 * DAY;
    for (let i = 0; i < 12_000; i++) {
      runtime.usage.record({
        at: base + i,
        organizationId: org.organizationId,
        projectId: org.projectId,
        environment: "live",
        keyId: key.id,
        method: "GET",
        route: "/v1/regions",
        status: 200,
        latencyMs: 1,
        bytesIn: 0,
        bytesOut: 10,
        requestId: `req_bulk${String(i).padStart(12, "0")}`,
        path: "/v1/regions",
      });
    }
    await runtime.usage.flush();
    await rollupRequestUsage(runtime.store.db, runtime.store.kind, clock.now());
    expect(await pruneRequestLogs(runtime.store.db, clock.now(), 10)).toBe(12_000);
    expect(await logIds()).toContain(recentId);
  });
});
