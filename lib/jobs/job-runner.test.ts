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

  it("runs the jobs of a concurrent type side by side and keeps a failed one for its retry", async () => {
    const runner = new JobRunner(rt.store.db, rt.store.kind, rt.logger, clock.now, {
      batchSize: 5,
    });
    // Each job waits until all four have started: run one by one, the first would wait for ever.
    let started = 0;
    let allStarted: () => void = () => undefined;
    const barrier = new Promise<void>((resolve) => {
      allStarted = resolve;
    });
    const finished: number[] = [];
    runner.register(
      "test.together",
      async (job) => {
        const { n } = job.payload as { n: number };
        started += 1;
        if (started === 4) allStarted();
        await barrier;
        if (n === 3) throw new Error("boom");
        finished.push(n);
      },
      { concurrent: true },
    );
    for (let n = 0; n < 4; n++) {
      await enqueueJob(
        rt.store.db,
        { type: "test.together", payload: { n }, runAt: clock.now() },
        clock.now(),
      );
    }
    const drained = runner.drain();
    const timeout = new Promise<"stuck">((resolve) => setTimeout(() => resolve("stuck"), 5000));
    expect(await Promise.race([drained, timeout])).toBe(4);
    expect(finished.sort()).toEqual([0, 1, 2]);
    const left = await pending("test.together");
    expect(left).toHaveLength(1);
    expect(left[0]?.attempts).toBe(1);
    expect(left[0]?.locked_by).toBeNull();
  });

  it("runs at most `concurrency` of them at once", async () => {
    const runner = new JobRunner(rt.store.db, rt.store.kind, rt.logger, clock.now, {
      batchSize: 6,
      concurrency: 2,
    });
    let inFlight = 0;
    let most = 0;
    runner.register(
      "test.lanes",
      async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight -= 1;
      },
      { concurrent: true },
    );
    for (let n = 0; n < 6; n++) {
      await enqueueJob(
        rt.store.db,
        { type: "test.lanes", payload: { n }, runAt: clock.now() },
        clock.now(),
      );
    }
    expect(await runner.drain()).toBe(6);
    expect(most).toBe(2);
    expect(await pending("test.lanes")).toEqual([]);
  });
  it("runs an ordinary job in the first batch even behind a backlog of concurrent ones", async () => {
    const runner = new JobRunner(rt.store.db, rt.store.kind, rt.logger, clock.now, {
      batchSize: 5,
    });
    const order: string[] = [];
    runner.register(
      "test.backlog",
      async (job) => {
        order.push(`backlog ${(job.payload as { n: number }).n}`);
      },
      { concurrent: true },
    );
    runner.register("test.orchestrate", async () => {
      order.push("orchestrate");
    });
    const earlier = new Date(clock.now().getTime() - 60_000);
    for (let n = 0; n < 12; n++) {
      await enqueueJob(
        rt.store.db,
        { type: "test.backlog", payload: { n }, runAt: earlier },
        clock.now(),
      );
    }
    await enqueueJob(
      rt.store.db,
      { type: "test.orchestrate", payload: {}, runAt: clock.now() },
      clock.now(),
    );
    expect(await runner.drain()).toBe(13);
    // Claimed in the first batch beside five of the backlog, not after all twelve.
    expect(order.indexOf("orchestrate")).toBeLessThan(6);
    expect(order.filter((entry) => entry.startsWith("backlog"))).toHaveLength(12);
  });

  it("fills a batch with the urgent jobs, then the oldest due, and never a job not yet due", async () => {
    const runner = new JobRunner(rt.store.db, rt.store.kind, rt.logger, clock.now, {
      batchSize: 3,
    });
    const order: string[] = [];
    runner.register("test.mixed", async (job) => {
      order.push((job.payload as { name: string }).name);
    });
    const at = (offsetMs: number) => new Date(clock.now().getTime() + offsetMs);
    const jobs: Array<[string, number, number]> = [
      ["later", 60_000, 0],
      ["due 2", -2_000, 0],
      ["urgent later", 60_000, 1],
      ["due 1", -3_000, 0],
      ["urgent", -1_000, 1],
      ["due 3", -1_000, 0],
    ];
    for (const [name, offsetMs, priority] of jobs) {
      await enqueueJob(
        rt.store.db,
        { type: "test.mixed", payload: { name }, runAt: at(offsetMs), priority },
        clock.now(),
      );
    }
    // Batches of three, run in order: the urgent job and the two oldest due, then the last due.
    expect(await runner.drain()).toBe(4);
    expect(order).toEqual(["urgent", "due 1", "due 2", "due 3"]);
    const left = await pending("test.mixed");
    expect(left).toHaveLength(2);
    expect(left.every((job) => job.attempts === 0)).toBe(true);
  });

  it("claims an urgent job before a backlog that fell due earlier", async () => {
    const runner = new JobRunner(rt.store.db, rt.store.kind, rt.logger, clock.now, {
      batchSize: 4,
      concurrency: 1,
    });
    const order: string[] = [];
    runner.register(
      "test.lane",
      async (job) => {
        order.push((job.payload as { name: string }).name);
      },
      { concurrent: true },
    );
    const earlier = new Date(clock.now().getTime() - 60_000);
    for (let n = 0; n < 6; n++) {
      await enqueueJob(
        rt.store.db,
        { type: "test.lane", payload: { name: `scheduled ${n}` }, runAt: earlier },
        clock.now(),
      );
    }
    await enqueueJob(
      rt.store.db,
      { type: "test.lane", payload: { name: "urgent" }, runAt: clock.now(), priority: 1 },
      clock.now(),
    );
    expect(await runner.drain()).toBe(7);
    expect(order[0]).toBe("urgent");
    expect(order.slice(1).sort()).toEqual([0, 1, 2, 3, 4, 5].map((n) => `scheduled ${n}`));
  });
});
