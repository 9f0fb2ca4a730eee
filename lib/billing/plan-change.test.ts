import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/db/schema";
import { randomBase62 } from "@/lib/ids";
import type { PlanChangeDto } from "@/lib/schemas/billing";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberToken,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

/** A member who really holds the role (the API reads it from the membership). */
function tokenFor(runtime: TestRuntime, org: TestOrganization, role: Role): Promise<string> {
  return memberToken(runtime, org, role);
}

async function limitSeen(runtime: TestRuntime, key: string): Promise<string | null> {
  const res = await apiRequest(runtime, "GET", "/v1/regions", { key });
  expect(res.status).toBe(200);
  return res.headers.get("x-ratelimit-limit");
}

async function changeTo(runtime: TestRuntime, token: string, plan: string) {
  return apiRequest(runtime, "POST", "/v1/billing/plan", { key: token, body: { plan } });
}

describe.each(storeTargets())("plan changes on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: { id: string; secret: string };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime, "free");
    key = await createTestKey(runtime, org);
  });
  afterAll(() => runtime.close());

  it("applies the new limit from the very next request", async () => {
    expect(await limitSeen(runtime, key.secret)).toBe("100");
    const res = await changeTo(runtime, await tokenFor(runtime, org, "owner"), "pro");
    expect(res.status).toBe(200);
    const change = (await res.json()) as PlanChangeDto;
    expect(change).toMatchObject({
      from: "free",
      to: "pro",
      changed: true,
      rate_limit_per_minute: 10_000,
    });
    expect(await limitSeen(runtime, key.secret)).toBe("10000");
  });

  it("records the change, its time and the member in the audit log", async () => {
    const rows = await runtime.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .where("action", "=", "organization.plan_changed")
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_type: "user", actor_id: org.userId });
    expect(rows[0]).toMatchObject({ source: "portal", project_id: null, outcome: "success" });
    expect(JSON.parse(rows[0]!.changes_before!)).toMatchObject({ plan: "free" });
    expect(JSON.parse(rows[0]!.changes_after!)).toMatchObject({ plan: "pro" });
    expect(Date.now() - Date.parse(rows[0]!.created_at)).toBeLessThan(60_000);
  });

  it("lets billing members change it too, and nobody else", async () => {
    for (const role of ["developer", "admin", "viewer"] as const) {
      const res = await changeTo(runtime, await tokenFor(runtime, org, role), "enterprise");
      expect(res.status, role).toBe(403);
    }
    // A key can never hold billing:manage, whatever its scopes.
    expect((await changeTo(runtime, key.secret, "enterprise")).status).toBe(403);
    const res = await changeTo(runtime, await tokenFor(runtime, org, "billing"), "free");
    expect(res.status).toBe(200);
    expect(await limitSeen(runtime, key.secret)).toBe("100");
  });

  it("refuses an unknown plan with 422", async () => {
    const res = await changeTo(runtime, await tokenFor(runtime, org, "owner"), "platinum");
    expect(res.status).toBe(422);
  });

  it.skipIf(!process.env.TEST_REDIS_URL)(
    "reaches the other instances at once (Redis)",
    async () => {
      const prefix = `rl-${randomBase62(8)}`;
      const first = await createTestRuntime(target, {
        redis: true,
        rateLimitKeyPrefix: prefix,
        postgresSchema: runtime.postgresSchema ?? undefined,
        sqliteFile: runtime.sqliteFile ?? undefined,
      });
      const second = await createTestRuntime(target, {
        redis: true,
        rateLimitKeyPrefix: prefix,
        postgresSchema: runtime.postgresSchema ?? undefined,
        sqliteFile: runtime.sqliteFile ?? undefined,
      });
      try {
        expect(await limitSeen(second, key.secret)).toBe("100"); // cached there now
        const res = await changeTo(first, await tokenFor(first, org, "owner"), "enterprise");
        expect(res.status).toBe(200);
        let seen: string | null = null;
        for (let i = 0; i < 50 && seen !== "100000"; i++) {
          seen = await limitSeen(second, key.secret);
          if (seen !== "100000") await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect(seen).toBe("100000");
      } finally {
        await first.close();
        await second.close();
      }
    },
  );
});
