import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import type { Environment } from "./schema";
import { inTenant, type TenantScope } from "./tenant";

/** inTenant keeps selects, updates, deletes, joins and raw SQL to one project and environment. */
describe.each(storeTargets())("inTenant, on %s", (target) => {
  let runtime: TestRuntime;
  const mine: TenantScope = { projectId: "prj_mine", environment: "live" };
  const rows: Array<[id: string, projectId: string, environment: Environment]> = [
    ["evt_a", "prj_mine", "live"],
    ["evt_b", "prj_mine", "test"],
    ["evt_c", "prj_other", "live"],
  ];
  const ids = async () =>
    (await runtime.store.db.selectFrom("events").select("id").orderBy("id").execute()).map(
      (r) => r.id,
    );

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    await runtime.store.db
      .insertInto("events")
      .values(
        rows.map(([id, projectId, environment]) => ({
          id,
          organization_id: "org_1",
          project_id: projectId,
          environment,
          type: "resource.created",
          object_id: null,
          data: "{}",
          created_at: "2026-01-01T00:00:00.000Z",
        })),
      )
      .execute();
  });
  afterAll(() => runtime.close());

  it("selects only the scope's rows, by bare or table-qualified columns", async () => {
    const db = runtime.store.db;
    const bare = await db.selectFrom("events").select("id").where(inTenant(mine)).execute();
    expect(bare.map((r) => r.id)).toEqual(["evt_a"]);
    const joined = await db
      .selectFrom("events")
      .innerJoin("events as other", "other.id", "events.id")
      .select("events.id")
      .where(inTenant({ projectId: "prj_mine", environment: "test" }, "events"))
      .execute();
    expect(joined.map((r) => r.id)).toEqual(["evt_b"]);
    const raw = await sql<{ id: string }>`select id from events where ${inTenant(mine)}`.execute(
      db,
    );
    expect(raw.rows.map((r) => r.id)).toEqual(["evt_a"]);
  });

  it("updates and deletes only the scope's rows", async () => {
    const db = runtime.store.db;
    await db
      .updateTable("events")
      .set({ type: "resource.updated" })
      .where(inTenant({ projectId: "prj_other", environment: "live" }))
      .execute();
    const types = await db.selectFrom("events").select(["id", "type"]).orderBy("id").execute();
    expect(types.map((r) => r.type)).toEqual([
      "resource.created",
      "resource.created",
      "resource.updated",
    ]);
    await db.deleteFrom("events").where(inTenant(mine)).execute();
    expect(await ids()).toEqual(["evt_b", "evt_c"]);
  });
});
