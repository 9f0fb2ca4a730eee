import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { enqueueJob } from "./enqueue-job";
import { JobRunner } from "./job-runner";

describe.each(storeTargets())("job runner, on %s", (target) => {
  let rt: TestRuntime;
  const clock = new TestClock();

  beforeAll(async () => {
    rt = await createTestRuntime(target, { now: clock.now });
  });
  afterAll(async () => {
    await rt.close();
  });

  const pending = async (type: string) =>
    rt.store.db
      .selectFrom("jobs")
      .select(["id", "attempts", "run_at", "locked_by"])
      .where("type", "=", type)
      .execute();

  it("deletes the succeeded jobs of a batch together and keeps a failed one for its retry", async () => {
    const ran: string[] = [];
    const runner = new JobRunner(rt.store.db, rt.store.kind, rt.logger, clock.now, {
      batchSize: 5,
    });
    runner.register("test.ok", async (job) => {
      ran.push((job.payload as { n: number }).n.toString());
    });
    runner.register("test.fail", async () => {
      throw new Error("boom");
    });
    for (let n = 0; n < 7; n++) {
      await enqueueJob(
        rt.store.db,
        { type: "test.ok", payload: { n }, runAt: clock.now() },
        clock.now(),
      );
    }
    await enqueueJob(
      rt.store.db,
      { type: "test.fail", payload: {}, runAt: clock.now() },
      clock.now(),
    );

    // 8 due jobs in batches of 5: two batches; the failure is rescheduled, so a third finds none.
    expect(await runner.drain()).toBe(8);
    expect(ran.sort()).toEqual(["0", "1", "2", "3", "4", "5", "6"]);
    expect(await pending("test.ok")).toEqual([]);
    const [failed] = await pending("test.fail");
    expect(failed?.attempts).toBe(1);
    expect(failed?.locked_by).toBeNull();
    expect(Date.parse(failed?.run_at ?? "")).toBe(clock.now().getTime() + 1000);
  });

  it("leaves a succeeded job whose claim another runner took over (its lock moved on)", async () => {
    const runner = new JobRunner(rt.store.db, rt.store.kind, rt.logger, clock.now);
    runner.register("test.stolen", async (job) => {
      // The claim expired mid-run and another instance claimed the job again.
      await rt.store.db
        .updateTable("jobs")
        .set({ locked_by: "runner_other" })
        .where("id", "=", job.id)
        .execute();
    });
    await enqueueJob(
      rt.store.db,
      { type: "test.stolen", payload: {}, runAt: clock.now() },
      clock.now(),
    );
    expect(await runner.drain()).toBe(1);
    expect((await pending("test.stolen")).map((j) => j.locked_by)).toEqual(["runner_other"]);
  });
});
