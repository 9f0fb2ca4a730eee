import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { insertRow } from "./insert-row";

describe.each(storeTargets())("insertRow, on %s", (target) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await createTestRuntime(target);
  });
  afterAll(() => rt.close());

  const job = (id: string, uniqueKey: string | null, extra: { last_error?: string } = {}) => ({
    id,
    type: "test.insert",
    payload: "{}",
    unique_key: uniqueKey,
    run_at: "2026-12-01T00:00:00.000Z",
    attempts: 0,
    max_attempts: 3,
    locked_until: null,
    locked_by: null,
    last_error: null,
    created_at: "2026-12-01T00:00:00.000Z",
    ...extra,
  });
  const stored = (id: string) =>
    rt.store.db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst();

  it("writes the row as given, in a transaction too, and leaves undefined columns to defaults", async () => {
    expect(await insertRow(rt.store.db, "jobs", job("job_ins_1", null))).toBe(true);
    await rt.store.db
      .transaction()
      .execute((trx) => insertRow(trx, "jobs", { ...job("job_ins_2", null), priority: undefined }));
    expect(await stored("job_ins_1")).toMatchObject({ type: "test.insert", max_attempts: 3 });
    // priority was left out, so the column default (0) applies.
    expect(Number((await stored("job_ins_2"))?.priority)).toBe(0);
  });

  it("skips a row that clashes on the conflict columns and says so", async () => {
    const options = { onConflictDoNothing: ["unique_key"] as const };
    expect(await insertRow(rt.store.db, "jobs", job("job_ins_3", "only-one"), options)).toBe(true);
    expect(await insertRow(rt.store.db, "jobs", job("job_ins_4", "only-one"), options)).toBe(false);
    expect(await stored("job_ins_4")).toBeUndefined();
    // Another column set is another statement: it must not reuse the first one's text.
    const urgent = { ...job("job_ins_5", "other", { last_error: "boom" }), priority: 1 };
    expect(await insertRow(rt.store.db, "jobs", urgent, options)).toBe(true);
    expect(await stored("job_ins_5")).toMatchObject({ last_error: "boom", priority: 1 });
  });
});
