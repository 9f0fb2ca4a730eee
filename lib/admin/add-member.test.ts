import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPortalContext } from "@/lib/portal/portal-context";
import { createTestOrganization, type TestOrganization } from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { addMember } from "./add-member";

describe.each(storeTargets())("admin add-member on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime);
  });
  afterAll(() => runtime.close());

  const add = (email: string, role: "viewer" | "developer", newUser = true) =>
    addMember(runtime.store.db, {
      slug: org.slug,
      email,
      role,
      newUser: newUser ? { name: "Vera", passwordHash: "x" } : undefined,
      actor: "admin-cli",
      now: runtime.now(),
    });

  it("creates the user and the membership, and the portal sees the role", async () => {
    const result = await add("vera@example.test", "viewer");
    expect(result).toMatchObject({ createdUser: true, existed: false, role: "viewer" });
    const context = await loadPortalContext(runtime.store.db, result.userId, {});
    expect(context?.organization.id).toBe(org.organizationId);
    expect(context?.role).toBe("viewer");
  });

  it("changes the role of an existing member instead of adding twice", async () => {
    const result = await add("vera@example.test", "developer");
    expect(result).toMatchObject({ createdUser: false, existed: true, role: "developer" });
    const rows = await runtime.store.db
      .selectFrom("memberships")
      .select("role")
      .where("user_id", "=", result.userId)
      .execute();
    expect(rows).toEqual([{ role: "developer" }]);
    const audit = await runtime.store.db
      .selectFrom("audit_log")
      .select([
        "action",
        "actor_type",
        "actor_id",
        "organization_id",
        "project_id",
        "environment",
        "source",
      ])
      .where("target_id", "=", result.userId)
      .orderBy("created_at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["member.added", "member.role_changed"]);
    for (const row of audit) {
      expect(row).toMatchObject({
        actor_type: "system",
        actor_id: "admin-cli",
        source: "cli",
        organization_id: org.organizationId,
        project_id: null,
        environment: null,
      });
    }
  });

  it("refuses an unknown organization, or an unknown user without a password", async () => {
    await expect(add("nobody@example.test", "viewer", false)).rejects.toThrow(/not found/);
    await expect(
      addMember(runtime.store.db, {
        slug: "no-such-org",
        email: "vera@example.test",
        role: "viewer",
        actor: "admin-cli",
        now: runtime.now(),
      }),
    ).rejects.toThrow(/Organization no-such-org/);
  });
});
