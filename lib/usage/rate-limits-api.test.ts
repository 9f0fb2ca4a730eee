import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPortalToken } from "@/lib/auth/portal-token";
import type { RateLimitsDto } from "@/lib/schemas/usage";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

describe.each(storeTargets())("GET /v1/rate-limits on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: { id: string; secret: string };
  let portal: string;

  const status = async () => {
    const res = await apiRequest(runtime, "GET", "/v1/rate-limits?granularity=minute", {
      key: portal,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as RateLimitsDto;
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime, "free");
    key = await createTestKey(runtime, org, { name: "spender" });
    // The dashboard reads through a member's token: its own bucket, never the plan's window.
    portal = await signPortalToken(
      {
        userId: org.userId,
        organizationId: org.organizationId,
        projectId: org.projectId,
        environment: "live",
        role: "viewer",
      },
      runtime.sessionSecret,
      runtime.now(),
    );
  });
  afterAll(() => runtime.close());

  it("shows the plan's window without spending it", async () => {
    const first = await status();
    expect(first).toMatchObject({ plan: "free", limit_source: "plan" });
    expect(first.window).toMatchObject({ limit: 100, used: 0, remaining: 100, window_seconds: 60 });
    expect((await status()).window.used).toBe(0);
  });

  it("moves as a key spends requests, then counts the 429s per key", async () => {
    for (let i = 0; i < 7; i++)
      await apiRequest(runtime, "GET", "/v1/regions", { key: key.secret });
    await runtime.usage.flush();
    const after = await status();
    expect(after.window).toMatchObject({ used: 7, remaining: 93 });
    expect(after.window.reset).toBeGreaterThan(Date.now() / 1000);
    expect(after.keys).toEqual([
      expect.objectContaining({ key_id: key.id, requests_this_window: 7, share_of_limit: 0.07 }),
    ]);

    const codes: number[] = [];
    for (let i = 0; i < 98; i++) {
      codes.push((await apiRequest(runtime, "GET", "/v1/regions", { key: key.secret })).status);
    }
    expect(codes.filter((c) => c === 429)).toHaveLength(5);
    await runtime.usage.flush();
    const over = await status();
    expect(over.window).toMatchObject({ used: 105, remaining: 0 });
    expect(over.throttled.total).toBe(5);
    expect(over.throttled.by_key[0]).toMatchObject({ key_id: key.id, throttled: 5, requests: 105 });
    expect(over.throttled.points.reduce((s, p) => s + p.throttled, 0)).toBe(5);
  });

  it("needs usage:read", async () => {
    const other = await createTestKey(runtime, org, { scopes: ["billing:read"] });
    // Over the limit the key answers 429 before the scope check; use the sandbox, its own bucket.
    const sandboxKey = await createTestKey(runtime, org, {
      environment: "test",
      scopes: ["billing:read"],
    });
    const res = await apiRequest(runtime, "GET", "/sandbox/v1/rate-limits", {
      key: sandboxKey.secret,
    });
    expect(res.status).toBe(403);
    expect(other.id).toMatch(/^key_/);
  });
});
