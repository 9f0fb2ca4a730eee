import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReadiness } from "@/lib/readiness";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

describe.each(storeTargets())("readiness on %s", (target) => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime(target, { redis: Boolean(process.env.TEST_REDIS_URL) });
  });
  afterAll(() => runtime.close());

  it("is ready when every store answers", async () => {
    const readiness = await checkReadiness(runtime);
    expect(readiness.ready).toBe(true);
    expect(readiness.checks.database?.ok).toBe(true);
    if (process.env.TEST_REDIS_URL) expect(readiness.checks.redis?.ok).toBe(true);
  });

  it("is not ready once the database is gone", async () => {
    const other = await createTestRuntime(target);
    await other.store.close();
    const readiness = await checkReadiness(other);
    expect(readiness.ready).toBe(false);
    expect(readiness.checks.database?.ok).toBe(false);
    await other.close().catch(() => undefined);
  });
});
