import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { billableUsage } from "@/lib/billing/period-usage";
import { type OldStore, storeBefore } from "@/lib/testing/store-before";
import { storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { bucketOf } from "@/lib/usage/histogram";
import {
  classIndex,
  emptyAccumulator,
  figuresOf,
  mergeInto,
  type RequestAccumulator,
  requestBuckets,
} from "@/lib/usage/request-series";

/** usage_requests as migration 0001 made it (the layout 0011 replaces). */
interface OldUsageRow {
  ts: string;
  organization_id: string;
  project_id: string;
  environment: "live" | "test";
  key_id: string | null;
  method: string;
  route: string;
  status: number;
  latency_ms: number;
  bytes_in: number;
  bytes_out: number;
}

const BEFORE = "0009_webhook_signing";
const START = Date.parse("2026-11-20T10:00:00.000Z");

/** Two orgs, their keys, routes and statuses, over five minutes, with odd milliseconds. */
function oldRows(): OldUsageRow[] {
  const rows: OldUsageRow[] = [];
  const shapes = [
    {
      org: "org_a",
      project: "prj_a",
      env: "live",
      key: "key_a1",
      route: "/v1/regions",
      status: 200,
    },
    {
      org: "org_a",
      project: "prj_a",
      env: "live",
      key: "key_a2",
      route: "/v1/resources/:id",
      status: 404,
    },
    { org: "org_a", project: "prj_a", env: "live", key: null, route: "/v1/resources", status: 201 },
    {
      org: "org_a",
      project: "prj_a",
      env: "test",
      key: "key_at",
      route: "/v1/regions",
      status: 429,
    },
    {
      org: "org_b",
      project: "prj_b",
      env: "live",
      key: "key_b1",
      route: "/v1/resources",
      status: 500,
    },
    {
      org: "org_b",
      project: "prj_b",
      env: "live",
      key: "key_b1",
      route: "/v1/regions",
      status: 302,
    },
  ] as const;
  const latencies = [0.25, 1.5, 12.345, 250.75, 3.001];
  for (let minute = 0; minute < 5; minute++) {
    shapes.forEach((shape, i) => {
      // Shape i is called i % 3 + 1 times a minute, at distinct milliseconds.
      for (let n = 0; n <= i % 3; n++) {
        const at = START + minute * 60_000 + i * 7_123 + n * 1_457 + 389;
        rows.push({
          ts: new Date(at).toISOString(),
          organization_id: shape.org,
          project_id: shape.project,
          environment: shape.env,
          key_id: shape.key,
          method: shape.route === "/v1/resources" ? "POST" : "GET",
          route: shape.route,
          status: shape.status,
          latency_ms: latencies[(minute + i + n) % latencies.length]!,
          bytes_in: 10 * i + n,
          bytes_out: 100 * minute + i,
        });
      }
    });
  }
  return rows;
}

function accumulate(rows: OldUsageRow[]): RequestAccumulator {
  const acc = emptyAccumulator();
  for (const row of rows) {
    acc.requests += 1;
    acc.byClass[classIndex(Math.floor(row.status / 100))]! += 1;
    if (row.status === 429) acc.throttled += 1;
    acc.latencySumMs += row.latency_ms;
    acc.bytesIn += row.bytes_in;
    acc.bytesOut += row.bytes_out;
    acc.histogram[bucketOf(row.latency_ms)]! += 1;
  }
  return acc;
}

const seriesOf = (r: {
  organization_id: string;
  project_id: string;
  environment: string;
  key_id: string | null;
  method: string;
  route: string;
  status: number | string;
}) =>
  [
    r.organization_id,
    r.project_id,
    r.environment,
    r.key_id ?? "",
    r.method,
    r.route,
    Number(r.status),
  ].join("|");

describe.each(storeTargets())(
  "migration 0011 moves usage_requests into request_log on %s",
  (target) => {
    const rows = oldRows();
    let runtime: TestRuntime;
    let store: OldStore<{ usage_requests: OldUsageRow }>;

    beforeAll(async () => {
      // A store as it was before 0011, holding raw rows in the old layout; opening the runtime
      // then applies 0011 (and whatever follows it).
      store = await storeBefore(target, BEFORE);
      await store.db.insertInto("usage_requests").values(rows).execute();
      runtime = await store.upgrade();
    });
    afterAll(async () => {
      await runtime?.close();
      await store?.drop();
    });

    it("moves every row with its millisecond time, series and latency", async () => {
      const moved = await runtime.store.db
        .selectFrom("request_log")
        .innerJoin("request_series", "request_series.id", "request_log.series_id")
        .innerJoin("request_scopes", "request_scopes.id", "request_log.scope_id")
        .select([
          "request_log.ts",
          "request_log.latency_us",
          "request_log.bytes_in",
          "request_log.bytes_out",
          "request_log.replayed",
          "request_series.organization_id",
          "request_series.project_id",
          "request_series.environment",
          "request_series.key_id",
          "request_series.user_id",
          "request_series.method",
          "request_series.route",
          "request_series.status",
          "request_series.scope_id as series_scope",
          "request_scopes.organization_id as scope_org",
          "request_scopes.project_id as scope_project",
          "request_scopes.environment as scope_env",
        ])
        .execute();
      const line = (r: {
        ts: number | string;
        series: string;
        latency_us: number | string;
        bytes_in: number | string;
        bytes_out: number | string;
      }) =>
        `${Number(r.ts)}|${r.series}|${Number(r.latency_us)}|${Number(r.bytes_in)}|${Number(r.bytes_out)}`;
      const got = moved
        .map((r) => {
          expect(r.series_scope).toBeDefined();
          expect([r.scope_org, r.scope_project, r.scope_env]).toEqual([
            r.organization_id,
            r.project_id,
            r.environment,
          ]);
          expect(r.user_id).toBe("");
          expect(Number(r.replayed)).toBe(0);
          return line({ ...r, series: seriesOf(r) });
        })
        .sort();
      const want = rows
        .map((r) =>
          line({
            ts: Date.parse(r.ts),
            series: seriesOf(r),
            latency_us: Math.round(r.latency_ms * 1000),
            bytes_in: r.bytes_in,
            bytes_out: r.bytes_out,
          }),
        )
        .sort();
      expect(got).toEqual(want);
      // Interned once each: 6 series, 3 scopes (org_a live and test, org_b live).
      const series = await runtime.store.db.selectFrom("request_series").selectAll().execute();
      expect(series).toHaveLength(6);
      const scopes = await runtime.store.db.selectFrom("request_scopes").selectAll().execute();
      expect(scopes).toHaveLength(3);
    });

    it("answers the usage figures the old rows gave", async () => {
      const query = {
        projectId: "prj_a",
        environment: "live" as const,
        granularity: "minute" as const,
        from: new Date(START).toISOString(),
        to: new Date(START + 5 * 60_000).toISOString(),
      };
      const liveA = rows.filter((r) => r.project_id === "prj_a" && r.environment === "live");
      const byKey = await requestBuckets(runtime.store.db, { ...query, groupBy: "key" });
      const keys = [...new Set(liveA.map((r) => r.key_id ?? ""))].sort();
      expect([...byKey.keys()].sort()).toEqual(keys);
      for (const key of keys) {
        const total = emptyAccumulator();
        const buckets = byKey.get(key)!;
        for (const [bucket, acc] of buckets) {
          const inMinute = liveA.filter(
            (r) =>
              (r.key_id ?? "") === key &&
              Math.floor(Date.parse(r.ts) / 60_000) * 60_000 === Date.parse(bucket),
          );
          expect(acc.requests).toBe(inMinute.length);
          mergeInto(total, acc);
        }
        expect(figuresOf(total)).toEqual(
          figuresOf(accumulate(liveA.filter((r) => (r.key_id ?? "") === key))),
        );
      }
      const byStatus = await requestBuckets(runtime.store.db, { ...query, groupBy: "status" });
      expect([...byStatus.keys()].sort()).toEqual(["2", "4"]);

      const sandbox = await requestBuckets(runtime.store.db, {
        ...query,
        environment: "test",
        groupBy: null,
      });
      const throttled = [...(sandbox.get("")?.values() ?? [])].reduce(
        (n, acc) => n + acc.throttled,
        0,
      );
      expect(throttled).toBe(rows.filter((r) => r.environment === "test").length);
    });

    it("bills the same request counts", async () => {
      const from = new Date("2026-11-01T00:00:00.000Z");
      const to = new Date("2026-12-01T00:00:00.000Z");
      for (const org of ["org_a", "org_b"]) {
        const billed = await billableUsage(runtime.store.db, org, from, to);
        const old = rows.filter(
          (r) => r.organization_id === org && r.environment === "live" && r.key_id !== null,
        ).length;
        expect(billed.requests).toBe(old);
      }
    });

    it("drops usage_requests", async () => {
      // PostgreSQL lists every schema on the server; only this store's own counts.
      const tables = (await runtime.store.db.introspection.getTables())
        .filter((t) => runtime.postgresSchema === null || t.schema === runtime.postgresSchema)
        .map((t) => t.name);
      expect(tables).toContain("request_log");
      expect(tables).not.toContain("usage_requests");
      await expect(
        sql`select count(*) from usage_requests`.execute(runtime.store.db),
      ).rejects.toThrow();
    });
  },
);
