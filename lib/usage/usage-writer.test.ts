import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { type UsageRecord, UsageWriter } from "./usage-writer";

describe.each(storeTargets())("usage records on %s", (target: StoreTarget) => {
  let runtime: TestRuntime;

  const rowsOf = (org: TestOrganization) =>
    runtime.store.db
      .selectFrom("request_log")
      .innerJoin("request_series", "request_series.id", "request_log.series_id")
      .selectAll()
      .where("request_series.organization_id", "=", org.organizationId)
      .orderBy("request_log.ts")
      .execute();

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
  });
  afterAll(() => runtime.close());

  describe("happy paths", () => {
    it("writes exactly one row per authenticated request, with status, environment and template", async () => {
      const org = await createTestOrganization(runtime, "pro");
      const live = await createTestKey(runtime, org);
      const test = await createTestKey(runtime, org, { environment: "test" });
      const sent: Array<{ status: number; environment: string; route: string; bytes: number }> = [];
      const call = async (
        method: string,
        path: string,
        key: string,
        environment: string,
        route: string,
        body?: unknown,
      ) => {
        const res = await apiRequest(runtime, method, path, { key, body });
        const text = await res.text();
        sent.push({ status: res.status, environment, route, bytes: Buffer.byteLength(text) });
      };
      await call("GET", "/v1/regions", live.secret, "live", "/v1/regions");
      await call("GET", `/v1/api-keys/${live.id}`, live.secret, "live", "/v1/api-keys/:id");
      await call("GET", "/v1/api-keys/key_nope", live.secret, "live", "/v1/api-keys/:id");
      await call("POST", "/v1/api-keys", live.secret, "live", "/v1/api-keys", {});
      await call("POST", "/v1/api-keys", live.secret, "live", "/v1/api-keys", { name: "m" });
      await call("GET", `/sandbox/v1/api-keys/${test.id}`, test.secret, "test", "/v1/api-keys/:id");
      await call("GET", `/v1/api-keys/${test.id}`, test.secret, "test", "/v1/api-keys/:id");
      // Not authenticated: not usage.
      await apiRequest(runtime, "GET", "/v1/regions");
      // A corrupted key (a different last character; "x" could have been the real one).
      const broken = `${live.secret.slice(0, -1)}${live.secret.endsWith("x") ? "y" : "x"}`;
      await apiRequest(runtime, "GET", "/v1/regions", { key: broken });

      expect(await rowsOf(org)).toHaveLength(0); // nothing is written on the request path
      await runtime.usage.flush();
      const rows = await rowsOf(org);
      expect(rows).toHaveLength(sent.length);
      expect(rows.map((r) => r.status)).toEqual(sent.map((s) => s.status));
      expect(rows.map((r) => r.status)).toEqual([200, 200, 404, 422, 201, 200, 200]);
      expect(rows.map((r) => r.environment)).toEqual(sent.map((s) => s.environment));
      expect(rows.map((r) => r.route)).toEqual(sent.map((s) => s.route));
      expect(rows.map((r) => Number(r.bytes_out))).toEqual(sent.map((s) => s.bytes));
      for (const row of rows) {
        expect(row.project_id).toBe(org.projectId);
        expect([live.id, test.id]).toContain(row.key_id);
        expect(Number(row.latency_us)).toBeGreaterThanOrEqual(0);
        expect(Number.isInteger(Number(row.latency_us))).toBe(true);
        expect(Math.abs(Number(row.ts) - Date.now())).toBeLessThan(60_000);
        expect(row.request_id).toMatch(/^req_/);
      }
      const posts = rows.filter((r) => r.method === "POST");
      expect(posts.map((r) => Number(r.bytes_in))).toEqual([2, 12]);
    });

    it("flushes on close (graceful shutdown)", async () => {
      const org = await createTestOrganization(runtime, "pro");
      const key = await createTestKey(runtime, org);
      const second = await createTestRuntime(target, {
        postgresSchema: runtime.postgresSchema ?? undefined,
        sqliteFile: runtime.sqliteFile ?? undefined,
      });
      for (let i = 0; i < 3; i++) {
        await apiRequest(second, "GET", "/v1/regions", { key: key.secret });
      }
      await second.close();
      expect(await rowsOf(org)).toHaveLength(3);
    });

    it("records rate-limited answers as well", async () => {
      const org = await createTestOrganization(runtime, "free");
      await runtime.store.db
        .updateTable("organizations")
        .set({ rate_limit_override: 3 })
        .where("id", "=", org.organizationId)
        .execute();
      const { secret } = await createTestKey(runtime, org);
      for (let i = 0; i < 5; i++) await apiRequest(runtime, "GET", "/v1/regions", { key: secret });
      await runtime.usage.flush();
      expect((await rowsOf(org)).map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    });

    it("writes large batches in chunks, without losing or doubling a record", async () => {
      const org = await createTestOrganization(runtime, "pro");
      const writer = new UsageWriter(runtime.store.db, runtime.store.kind, createLogger("silent"), {
        intervalMs: 60_000,
      });
      const record: UsageRecord = {
        at: Date.now(),
        organizationId: org.organizationId,
        projectId: org.projectId,
        environment: "live",
        keyId: null,
        method: "GET",
        route: "/v1/regions",
        status: 200,
        latencyMs: 0.25,
        bytesIn: 0,
        bytesOut: 10,
      };
      for (let i = 0; i < 1_000; i++) writer.record({ ...record, status: 200 + (i % 3) });
      expect(writer.pending).toBe(1_000);
      expect(await writer.flush()).toBe(1_000);
      expect(writer.pending).toBe(0);
      for (let i = 0; i < 77; i++) writer.record(record);
      await writer.close(); // the graceful shutdown writes what is left
      const rows = await rowsOf(org);
      expect(rows).toHaveLength(1_077);
      expect(rows.filter((r) => r.status === 201)).toHaveLength(333);
    });
  });

  describe("errors", () => {
    it("keeps records while the store fails and writes them once it is back", async () => {
      const org = await createTestOrganization(runtime, "pro");
      let failing = true;
      const db = new Proxy(runtime.store.db, {
        get(targetDb, property, receiver) {
          if ((property === "executeQuery" || property === "transaction") && failing) {
            return () => {
              throw new Error("store away");
            };
          }
          const value = Reflect.get(targetDb, property, receiver);
          return typeof value === "function" ? value.bind(targetDb) : value;
        },
      });
      const writer = new UsageWriter(db, runtime.store.kind, createLogger("silent"), {
        intervalMs: 60_000,
      });
      for (let i = 0; i < 300; i++) {
        writer.record({
          at: Date.now(),
          organizationId: org.organizationId,
          projectId: org.projectId,
          environment: "test",
          keyId: null,
          method: "GET",
          route: "/v1/regions",
          status: 200,
          latencyMs: 1,
          bytesIn: 0,
          bytesOut: 1,
        });
      }
      expect(await writer.flush()).toBe(0);
      expect(writer.pending).toBe(300);
      failing = false;
      expect(await writer.flush()).toBe(300);
      await writer.close();
      expect(await rowsOf(org)).toHaveLength(300);
    });
  });

  describe("security", () => {
    it("stores the route template for the rollups, the path without its query, no secrets", async () => {
      const org = await createTestOrganization(runtime, "pro");
      const key = await createTestKey(runtime, org);
      await apiRequest(runtime, "GET", `/v1/api-keys/${key.id}?limit=5`, { key: key.secret });
      await runtime.usage.flush();
      const rows = await rowsOf(org);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.route).toBe("/v1/api-keys/:id");
      expect(rows[0]?.path).toBe(`/v1/api-keys/${key.id}`);
      expect(JSON.stringify(rows)).not.toContain(key.secret.slice(8));
    });
  });
});
