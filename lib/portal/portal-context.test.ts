import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrganization, type TestOrganization } from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { loadPortalContext } from "./portal-context";

describe.each(storeTargets())("portal context on %s", (target) => {
  let runtime: TestRuntime;
  let mine: TestOrganization;
  let other: TestOrganization;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    mine = await createTestOrganization(runtime, "pro");
    other = await createTestOrganization(runtime);
  });
  afterAll(() => runtime.close());

  it("defaults to the first organization, its first project and live", async () => {
    const context = await loadPortalContext(runtime.store.db, mine.userId, {});
    expect(context).toMatchObject({
      organization: { id: mine.organizationId, plan: "pro" },
      project: { id: mine.projectId },
      role: "owner",
      environment: "live",
    });
  });

  it("ignores a cookie naming an organization the user does not belong to", async () => {
    const context = await loadPortalContext(runtime.store.db, mine.userId, {
      organizationId: other.organizationId,
      projectId: other.projectId,
      environment: "test",
    });
    expect(context?.organization.id).toBe(mine.organizationId);
    expect(context?.project.id).toBe(mine.projectId);
    expect(context?.environment).toBe("test");
  });

  it("is null for an unknown user", async () => {
    expect(await loadPortalContext(runtime.store.db, "usr_missing", {})).toBeNull();
  });
});
