import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestFiguresDto, UsageDto } from "@/lib/schemas/usage";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { rollupRequestUsage } from "./rollup-requests";

/** Rollups settle 30 s behind real time; "a while later" for the job is two minutes ahead. */
const later = () => new Date(Date.now() + 120_000);

describe.each(storeTargets())("usage metering through the API on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let live: { id: string; secret: string };
  let sandbox: { id: string; secret: string };
  let reader: { id: string; secret: string };
  let sandboxReader: { id: string; secret: string };

  const usage = async (key: string, query: string, prefix = "/v1") => {
    const res = await apiRequest(runtime, "GET", `${prefix}/usage?${query}`, { key });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as UsageDto;
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime, "pro");
    live = await createTestKey(runtime, org, { name: "live caller" });
    sandbox = await createTestKey(runtime, org, { environment: "test", name: "sandbox caller" });
    reader = await createTestKey(runtime, org, { scopes: ["usage:read"], name: "reader" });
    sandboxReader = await createTestKey(runtime, org, {
      environment: "test",
      scopes: ["usage:read"],
      name: "sandbox reader",
    });

    // Exactly: live 7 × 2xx, 3 × 404, 2 × 400; sandbox 4 × 2xx, 1 × 404.
    for (let i = 0; i < 7; i++) {
      expect((await apiRequest(runtime, "GET", "/v1/regions", { key: live.secret })).status).toBe(
        200,
      );
    }
    for (let i = 0; i < 3; i++) {
      const res = await apiRequest(runtime, "GET", "/v1/api-keys/key_doesnotexist", {
        key: live.secret,
      });
      expect(res.status).toBe(404);
    }
    for (let i = 0; i < 2; i++) {
      const res = await apiRequest(runtime, "GET", "/v1/usage?granularity=week", {
        key: live.secret,
      });
      expect(res.status).toBe(400);
    }
    for (let i = 0; i < 4; i++) {
      const res = await apiRequest(runtime, "GET", "/sandbox/v1/regions", { key: sandbox.secret });
      expect(res.status).toBe(200);
    }
    const missing = await apiRequest(runtime, "GET", "/sandbox/v1/api-keys/key_nope", {
      key: sandbox.secret,
    });
    expect(missing.status).toBe(404);
    await runtime.usage.flush();
  });
  afterAll(() => runtime.close());

  const expectLiveCounts = (body: UsageDto) => {
    expect(body.environment).toBe("live");
    expect(body.totals).toMatchObject({
      requests: 12,
      status: { "2xx": 7, "3xx": 0, "4xx": 5, "5xx": 0 },
      throttled: 0,
    });
    const byGroup = Object.fromEntries(body.series.map((s) => [s.group, s.totals]));
    expect(byGroup["2xx"]).toMatchObject({ requests: 7 });
    expect(byGroup["4xx"]).toMatchObject({ requests: 5 });
  };

  it("counts the raw records before any rollup (the tail past the watermark)", async () => {
    expectLiveCounts(await usage(reader.secret, `group_by=status&key_id=${live.id}`));
  });

  it("shows exactly those counts by status class and environment after the rollup", async () => {
    const result = await rollupRequestUsage(runtime.store.db, runtime.store.kind, later());
    expect(result.slices).toBeGreaterThan(0);
    for (const granularity of ["minute", "hour", "day"]) {
      expectLiveCounts(
        await usage(reader.secret, `group_by=status&granularity=${granularity}&key_id=${live.id}`),
      );
    }
    const sandboxView = await usage(
      sandboxReader.secret,
      `group_by=status&key_id=${sandbox.id}`,
      "/sandbox/v1",
    );
    expect(sandboxView.environment).toBe("test");
    expect(sandboxView.totals).toMatchObject({
      requests: 5,
      status: { "2xx": 4, "3xx": 0, "4xx": 1, "5xx": 0 },
    });
    // The live view never includes sandbox traffic and vice versa.
    const liveAll = await usage(reader.secret, "group_by=key");
    expect(liveAll.series.map((s) => s.group)).not.toContain(sandbox.id);
    const keyTotals = Object.fromEntries(liveAll.series.map((s) => [s.group, s.totals]));
    expect(keyTotals[live.id]).toMatchObject({ requests: 12 });
    expect(liveAll.series.find((s) => s.group === live.id)?.label).toContain("live caller");
  });

  it("never counts twice: re-running, rewinding the watermark, two runners at once", async () => {
    const { db, kind } = runtime.store;
    await rollupRequestUsage(db, kind, later());
    await db
      .updateTable("metering_state")
      .set({
        watermark: new Date(Date.now() - 3_600_000).toISOString(),
        watermark_ms: Date.now() - 3_600_000,
      })
      .where("name", "=", "requests")
      .execute();
    await Promise.all([
      rollupRequestUsage(db, kind, later()),
      rollupRequestUsage(db, kind, later()),
    ]);
    expectLiveCounts(
      await usage(reader.secret, `group_by=status&granularity=day&key_id=${live.id}`),
    );
  });

  it("splits by route template and zero-fills empty buckets", async () => {
    const body = await usage(reader.secret, `group_by=route&granularity=minute&key_id=${live.id}`);
    const routes = Object.fromEntries(
      body.series.map((s) => [s.group, (s.totals as RequestFiguresDto).requests]),
    );
    expect(routes).toEqual({
      "GET /v1/regions": 7,
      "GET /v1/api-keys/:id": 3,
      "GET /v1/usage": 2,
    });
    expect(body.series[0]!.points).toHaveLength(60);
    expect(body.series[0]!.points.every((p) => "requests" in p && p.requests >= 0)).toBe(true);
  });

  it("answers CSV with the same figures", async () => {
    const res = await apiRequest(
      runtime,
      "GET",
      `/v1/usage?group_by=status&granularity=day&key_id=${live.id}&format=csv`,
      { key: reader.secret },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^series,timestamp,requests,status_2xx/);
    const sum = lines.slice(1).reduce((total, line) => total + Number(line.split(",")[2]), 0);
    expect(sum).toBe(12);
  });

  it("refuses bad ranges with 400 naming the parameter", async () => {
    const cases: Array<[string, string]> = [
      ["from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "to"],
      ["granularity=minute&from=2020-01-01T00:00:00Z", "from"],
      ["granularity=hour&from=2020-01-01&to=2026-01-01", "from"],
      ["from=yesterday", "from"],
      ["granularity=week", "granularity"],
      ["group_by=region&metric=requests", "group_by"],
    ];
    for (const [query, field] of cases) {
      const res = await apiRequest(runtime, "GET", `/v1/usage?${query}`, { key: reader.secret });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { errors?: Array<{ field: string }> };
      expect(
        body.errors?.map((e) => e.field),
        query,
      ).toContain(field);
    }
  });

  it("needs the usage:read scope", async () => {
    const noScope = await createTestKey(runtime, org, { scopes: ["resources:read"] });
    const res = await apiRequest(runtime, "GET", "/v1/usage", { key: noScope.secret });
    expect(res.status).toBe(403);
  });
});
