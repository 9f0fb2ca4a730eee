import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setOrganizationPlan } from "@/lib/admin/set-plan";
import { apiRequest, createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

/** A running server and the admin CLI on the same store, without Redis between them. */
describe.each(storeTargets())("a plan change from another process on %s", (target) => {
  let server: TestRuntime;
  let cli: TestRuntime;

  beforeAll(async () => {
    server = await createTestRuntime(target);
    cli = await createTestRuntime(target, {
      postgresSchema: server.postgresSchema ?? undefined,
      sqliteFile: server.sqliteFile ?? undefined,
    });
  });
  afterAll(async () => {
    await cli.close();
    await server.close();
  });

  const limitOf = async (secret: string) =>
    (await apiRequest(server, "GET", "/v1/regions", { key: secret })).headers.get(
      "x-ratelimit-limit",
    );

  it("reaches the running server within a second", async () => {
    const org = await createTestOrganization(server, "free");
    const { secret } = await createTestKey(server, org);
    expect(await limitOf(secret)).toBe("100"); // cached now, for 30 s unless told otherwise
    for (const [plan, override, limit] of [
      ["pro", null, "10000"],
      ["pro", 250, "250"],
    ] as const) {
      await setOrganizationPlan(
        cli.store.db,
        { slug: org.slug, plan, rateLimitOverride: override, actor: "admin-cli", now: new Date() },
        cli.bus,
      );
      const started = Date.now();
      while ((await limitOf(secret)) !== limit && Date.now() - started < 3000) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(await limitOf(secret)).toBe(limit);
      expect(Date.now() - started).toBeLessThan(1000);
    }
  });
});
