import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { executeCompiledOnce } from "./compiled-once";

describe.each(storeTargets())("executeCompiledOnce, on %s", (target) => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await createTestRuntime(target);
    await rt.store.db
      .insertInto("region_overrides")
      .values([
        { slug: "eu-west-1", available: 0, updated_at: "2026-12-01T00:00:00.000Z" },
        { slug: "us-west-2", available: 1, updated_at: "2026-12-01T00:00:00.000Z" },
      ])
      .execute();
  });
  afterAll(() => rt.close());

  const bySlug = (slug: string, name = `test_override_${target}`) => {
    let built = 0;
    const run = executeCompiledOnce(
      rt.store.db,
      name,
      () => {
        built += 1;
        return rt.store.db
          .selectFrom("region_overrides")
          .select(["slug", "available"])
          .where("slug", "=", slug)
          .compile();
      },
      [slug],
    );
    return run.then((result) => ({ rows: result.rows, built }));
  };

  it("builds the query on its first call only, and binds each call's own values", async () => {
    const first = await bySlug("eu-west-1");
    expect(first.built).toBe(1);
    expect(first.rows).toEqual([{ slug: "eu-west-1", available: 0 }]);
    const second = await bySlug("us-west-2");
    expect(second.built).toBe(0);
    expect(second.rows).toEqual([{ slug: "us-west-2", available: 1 }]);
    expect((await bySlug("nowhere-1")).rows).toEqual([]);
  });

  it("runs in the caller's transaction", async () => {
    await rt.store.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable("region_overrides")
          .set({ available: 1 })
          .where("slug", "=", "eu-west-1")
          .execute();
        const { rows } = await executeCompiledOnce(
          trx,
          `test_override_${target}`,
          () => {
            throw new Error("already compiled");
          },
          ["eu-west-1"],
        );
        expect(rows).toEqual([{ slug: "eu-west-1", available: 1 }]);
        throw new Error("roll back");
      })
      .catch((error: Error) => expect(error.message).toBe("roll back"));
    expect((await bySlug("eu-west-1")).rows).toEqual([{ slug: "eu-west-1", available: 0 }]);
  });

  it("refuses parameters that are not the query's, in its order, on the first call", async () => {
    await expect(
      executeCompiledOnce(
        rt.store.db,
        `test_swapped_${target}`,
        () =>
          rt.store.db
            .selectFrom("region_overrides")
            .select("slug")
            .where("slug", "=", "eu-west-1")
            .where("available", "=", 0)
            .compile(),
        [0, "eu-west-1"],
      ),
    ).rejects.toThrow(/not the ones the query takes/);
  });
});
