import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createResourceVia, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { readLogAfter } from "./shared-log-reads";

describe.each(storeTargets())("shared reads of the event log, on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let writer: string;
  const clock = new TestClock();

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    org = await createTestOrganization(runtime, "pro");
    writer = (await createTestKey(runtime, org, { scopes: ["resources:write"] })).secret;
  });
  afterAll(() => runtime.close());

  it("gives streams at one seq one read while it is in flight, and never an old answer after", async () => {
    const tenant = { projectId: org.projectId, environment: "live" as const };
    const first = readLogAfter(runtime.store.db, tenant, 0, 500);
    expect(readLogAfter(runtime.store.db, tenant, 0, 500)).toBe(first);
    // Another seq or another environment is another read.
    expect(readLogAfter(runtime.store.db, tenant, 1, 500)).not.toBe(first);
    expect(readLogAfter(runtime.store.db, { ...tenant, environment: "test" }, 0, 500)).not.toBe(
      first,
    );
    const before = await first;

    const created = await createResourceVia(runtime, clock, writer, { name: "after-the-read" });
    const after = await readLogAfter(runtime.store.db, tenant, 0, 500);
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.some((row) => row.object_id === created.id)).toBe(true);
  });
});
