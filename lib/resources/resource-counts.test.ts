import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResourceDto, ResourceListDto } from "@/lib/schemas/resources";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, TestClock } from "@/lib/testing/resource-fixtures";
import { storeBefore } from "@/lib/testing/store-before";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { wipeSandbox } from "./sandbox-reset";

describe.each(storeTargets())("list totals from the kept counts, on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let live: string;
  let sandbox: string;
  const clock = new TestClock();

  const total = async (key: string, query = "") =>
    (await call<ResourceListDto>(runtime, "GET", `/v1/resources${query}`, key, 200)).meta.total;
  /** What counting the rows says, to hold the kept count to. */
  const counted = async (environment: "live" | "test") => {
    const row = await runtime.store.db
      .selectFrom("resources")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("project_id", "=", org.projectId)
      .where("environment", "=", environment)
      .where("deleted_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const create = (key: string, name: string, type = "instance") =>
    call<ResourceDto>(runtime, "POST", "/v1/resources", key, 201, {
      name,
      type,
      region: "us-east-1",
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    org = await createTestOrganization(runtime, "pro");
    live = (await createTestKey(runtime, org)).secret;
    sandbox = (await createTestKey(runtime, org, { environment: "test" })).secret;
  });
  afterAll(() => runtime.close());

  it("counts creates and deletes per environment, and filters still count rows", async () => {
    expect(await total(live)).toBe(0);
    const made: ResourceDto[] = [];
    for (let n = 0; n < 5; n++) made.push(await create(live, `count-${n}`));
    await create(live, "bucket-1", "bucket");
    await create(sandbox, "sandbox-1");
    expect(await total(live)).toBe(6);
    expect(await total(sandbox)).toBe(1);

    await call(runtime, "DELETE", `/v1/resources/${made[0]?.id}`, live, 204);
    await call(runtime, "DELETE", `/v1/resources/${made[1]?.id}`, live, 204);
    // Deleting again changes nothing (the row is already gone from the API).
    await call(runtime, "DELETE", `/v1/resources/${made[1]?.id}`, live, 404);
    expect(await total(live)).toBe(4);
    expect(await total(live)).toBe(await counted("live"));
    expect(await total(live, "?type=bucket")).toBe(1);
    expect(await total(live, "?type=instance")).toBe(3);
  });

  it("counts a sandbox wipe and a row removed outside the API", async () => {
    await create(sandbox, "sandbox-2");
    expect(await total(sandbox)).toBe(2);
    await runtime.store.db.transaction().execute((trx) => wipeSandbox(trx, org.projectId));
    expect(await total(sandbox)).toBe(0);
    expect(await total(live)).toBe(await counted("live"));

    const doomed = await create(live, "removed-by-hand");
    await sql`delete from resources where id = ${doomed.id}`.execute(runtime.store.db);
    expect(await total(live)).toBe(await counted("live"));
  });
});

describe.each(storeTargets())("migration 0016 (resource counts), on %s", (target) => {
  it("counts the resources that were there before it", async () => {
    const old = await storeBefore<{
      resources: Record<string, string | number | null>;
    }>(target, "0015_job_priority");
    const row = (id: string, environment: string, deletedAt: string | null) => ({
      id,
      organization_id: "org_m",
      project_id: "prj_m",
      environment,
      type: "instance",
      name: id,
      name_lower: id,
      status: "active",
      region: "us-east-1",
      spec: "{}",
      labels: "{}",
      idempotency_key: null,
      lock_version: 1,
      created_at: "2026-11-01T00:00:00.000Z",
      updated_at: "2026-11-01T00:00:00.000Z",
      active_at: null,
      deleted_at: deletedAt,
    });
    await old.db
      .insertInto("resources")
      .values([
        row("res_m1", "live", null),
        row("res_m2", "live", null),
        row("res_m3", "live", "2026-11-02T00:00:00.000Z"),
        row("res_m4", "test", null),
      ])
      .execute();
    const runtime = await old.upgrade();
    try {
      const counts = await runtime.store.db
        .selectFrom("resource_counts")
        .select(["environment", "live"])
        .where("project_id", "=", "prj_m")
        .orderBy("environment")
        .execute();
      expect(counts.map((c) => [c.environment, Number(c.live)])).toEqual([
        ["live", 2],
        ["test", 1],
      ]);
    } finally {
      await runtime.close();
      await old.drop();
    }
  });
});
