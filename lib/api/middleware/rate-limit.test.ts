import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setOrganizationPlan } from "@/lib/admin/set-plan";
import { signPortalToken } from "@/lib/auth/portal-token";
import { randomBase62 } from "@/lib/ids";
import { announcePlanChange } from "@/lib/keys/cache-invalidation";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberToken,
} from "@/lib/testing/fixtures";
import {
  createTestRuntime,
  type StoreTarget,
  storeTargets,
  type TestRuntime,
} from "@/lib/testing/test-runtime";

const hasRedis = Boolean(process.env.TEST_REDIS_URL);

/** The five rate-limit headers of a response. */
function limits(res: Response) {
  return {
    limit: res.headers.get("x-ratelimit-limit"),
    remaining: res.headers.get("x-ratelimit-remaining"),
    reset: res.headers.get("x-ratelimit-reset"),
    policy: res.headers.get("ratelimit-policy"),
    rateLimit: res.headers.get("ratelimit"),
  };
}

/** A request from a given client address (through a fake socket, as @hono/node-server gives). */
function fromAddress(
  runtime: TestRuntime,
  address: string,
  path: string,
  key?: string,
): Promise<Response> {
  const headers: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {};
  return Promise.resolve(
    runtime.api.request(
      `http://localhost${path}`,
      { headers },
      { incoming: { headers: {}, socket: { remoteAddress: address } } },
    ),
  );
}

async function burst(
  runtime: TestRuntime,
  key: string,
  count: number,
  path = "/v1/regions",
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    statuses.push((await apiRequest(runtime, "GET", path, { key })).status);
  }
  return statuses;
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

describe.each(storeTargets())("rate limits on %s", (target: StoreTarget) => {
  let runtime: TestRuntime;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
  });
  afterAll(() => runtime.close());

  describe("happy paths", () => {
    it("sends both header styles on every authenticated answer", async () => {
      const org = await createTestOrganization(runtime, "free");
      const { secret } = await createTestKey(runtime, org);
      const before = Math.floor(Date.now() / 1000);
      const first = await apiRequest(runtime, "GET", "/v1/regions", { key: secret });
      const second = await apiRequest(runtime, "GET", "/v1/regions", { key: secret });
      expect(first.status).toBe(200);
      expect(limits(first)).toMatchObject({
        limit: "100",
        remaining: "99",
        policy: '"minute";q=100;w=60',
      });
      expect(limits(second).remaining).toBe("98");
      const reset = Number(limits(first).reset);
      expect(reset).toBeGreaterThan(before);
      expect(reset).toBeLessThanOrEqual(before + 61);
      const seconds = Number(/^"minute";r=99;t=(\d+)$/.exec(limits(first).rateLimit ?? "")?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(60);
    });

    it("uses the plan's limit, or the organization's override", async () => {
      for (const [plan, limit] of [
        ["pro", "10000"],
        ["enterprise", "100000"],
      ] as const) {
        const org = await createTestOrganization(runtime, plan);
        const { secret } = await createTestKey(runtime, org);
        const res = await apiRequest(runtime, "GET", "/v1/regions", { key: secret });
        expect(limits(res).limit).toBe(limit);
      }
      const org = await createTestOrganization(runtime, "free");
      await setOrganizationPlan(runtime.store.db, {
        slug: org.slug,
        plan: "free",
        rateLimitOverride: 250,
        actor: "test",
        now: new Date(),
      });
      const { secret } = await createTestKey(runtime, org);
      const res = await apiRequest(runtime, "GET", "/v1/regions", { key: secret });
      expect(limits(res)).toMatchObject({ limit: "250", policy: '"minute";q=250;w=60' });
    });

    it("gives the sandbox its own bucket that never spends the live one", async () => {
      const org = await createTestOrganization(runtime, "free");
      const live = await createTestKey(runtime, org);
      const test = await createTestKey(runtime, org, { environment: "test" });
      const statuses = await burst(runtime, test.secret, 120);
      expect(count(statuses, 200)).toBe(120); // beyond the free plan's 100: the sandbox has 1000
      const sandbox = await apiRequest(runtime, "GET", "/sandbox/v1/regions", { key: test.secret });
      expect(limits(sandbox)).toMatchObject({ limit: "1000", remaining: "879" });
      const liveRes = await apiRequest(runtime, "GET", "/v1/regions", { key: live.secret });
      expect(limits(liveRes)).toMatchObject({ limit: "100", remaining: "99" });
    });

    it("counts portal members on their own, not on the organization's API budget", async () => {
      const org = await createTestOrganization(runtime, "free");
      const key = await createTestKey(runtime, org);
      const token = await signPortalToken(
        {
          userId: org.userId,
          organizationId: org.organizationId,
          projectId: org.projectId,
          environment: "live",
          role: "owner",
        },
        runtime.sessionSecret,
      );
      const portal = await apiRequest(runtime, "GET", "/v1/api-keys", { key: token });
      expect(limits(portal)).toMatchObject({ limit: "1000", remaining: "999" });
      const api = await apiRequest(runtime, "GET", "/v1/regions", { key: key.secret });
      expect(limits(api)).toMatchObject({ limit: "100", remaining: "99" });
    });
  });

  describe("errors", () => {
    it("answers 429 rate_limited with Retry-After over the limit", async () => {
      const org = await createTestOrganization(runtime, "free");
      const { secret } = await createTestKey(runtime, org);
      const statuses = await burst(runtime, secret, 100);
      expect(count(statuses, 200)).toBe(100);
      const res = await apiRequest(runtime, "GET", "/v1/regions", { key: secret });
      expect(res.status).toBe(429);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({ code: "rate_limited", status: 429 });
      const retryAfter = Number(res.headers.get("retry-after"));
      const head = limits(res);
      expect(head.remaining).toBe("0");
      expect(head.rateLimit).toBe(`"minute";r=0;t=${retryAfter}`);
      // Never earlier than the reset.
      expect(Math.floor(Date.now() / 1000) + retryAfter).toBeGreaterThanOrEqual(
        Number(head.reset) - 1,
      );
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    });

    it("puts the headers on error answers too (403, 404, 422)", async () => {
      const org = await createTestOrganization(runtime, "pro");
      const other = await createTestOrganization(runtime, "pro");
      const mine = await createTestKey(runtime, org);
      const readOnly = await createTestKey(runtime, org, { scopes: ["resources:read"] });
      const foreign = await createTestKey(runtime, other);
      const notFound = await apiRequest(runtime, "GET", `/v1/api-keys/${foreign.id}`, {
        key: mine.secret,
      });
      expect(notFound.status).toBe(404);
      const forbidden = await apiRequest(runtime, "GET", "/v1/api-keys", { key: readOnly.secret });
      expect(forbidden.status).toBe(403);
      const invalid = await apiRequest(runtime, "POST", "/v1/api-keys", {
        key: mine.secret,
        body: {},
      });
      expect(invalid.status).toBe(422);
      for (const res of [notFound, forbidden, invalid]) {
        const head = limits(res);
        expect(head.limit).toBe("10000");
        expect(Number(head.remaining)).toBeLessThan(10000);
        expect(head.reset).toMatch(/^\d{10}$/);
        expect(head.policy).toBe('"minute";q=10000;w=60');
        expect(head.rateLimit).toMatch(/^"minute";r=\d+;t=\d+$/);
      }
    });

    it("applies a plan change from the next request, counting what was already used", async () => {
      const org = await createTestOrganization(runtime, "free");
      const { secret } = await createTestKey(runtime, org);
      expect(count(await burst(runtime, secret, 100), 200)).toBe(100);
      expect((await apiRequest(runtime, "GET", "/v1/regions", { key: secret })).status).toBe(429);
      await setOrganizationPlan(
        runtime.store.db,
        { slug: org.slug, plan: "pro", rateLimitOverride: null, actor: "test", now: new Date() },
        runtime.bus,
      );
      const upgraded = await apiRequest(runtime, "GET", "/v1/regions", { key: secret });
      expect(upgraded.status).toBe(200);
      expect(limits(upgraded).limit).toBe("10000");
      expect(limits(upgraded).remaining).toBe(String(10000 - 102));
      // An operator's lower override, announced by the helper other code uses.
      await runtime.store.db
        .updateTable("organizations")
        .set({ rate_limit_override: 50 })
        .where("id", "=", org.organizationId)
        .execute();
      await announcePlanChange(runtime.bus, org.slug);
      const capped = await apiRequest(runtime, "GET", "/v1/regions", { key: secret });
      expect(capped.status).toBe(429);
      expect(limits(capped).limit).toBe("50");
    });
  });

  describe("security", () => {
    it("limits failed authentication per client address without touching any key's quota", async () => {
      const org = await createTestOrganization(runtime, "free");
      const { secret } = await createTestKey(runtime, org);
      const attacker = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
      const wrong = `${secret.slice(0, -6)}AAAAAA`;
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) {
        statuses.push((await fromAddress(runtime, attacker, "/v1/regions", wrong)).status);
      }
      expect(count(statuses, 401)).toBe(60);
      const blocked = await fromAddress(runtime, attacker, "/v1/regions");
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(await blocked.json()).toMatchObject({ code: "rate_limited" });
      // Another address is not affected, and a valid key still works from the same address.
      expect((await fromAddress(runtime, "198.51.100.250", "/v1/regions", wrong)).status).toBe(401);
      const valid = await fromAddress(runtime, attacker, "/v1/regions", secret);
      expect(valid.status).toBe(200);
      // 61 failures spent nothing of the key's budget.
      expect(limits(valid).remaining).toBe("99");
    });

    it("spends no failed-auth budget on a valid credential sent to the wrong surface", async () => {
      const org = await createTestOrganization(runtime, "free");
      const { secret } = await createTestKey(runtime, org);
      const portalToken = await memberToken(runtime, org, "owner");
      const address = `198.51.100.${Math.floor(Math.random() * 200) + 1}`;
      for (let i = 0; i < 40; i++) {
        for (const credential of [secret, portalToken]) {
          const res = await fromAddress(runtime, address, "/sandbox/v1/regions", credential);
          expect(res.status).toBe(401);
          expect(((await res.json()) as { detail: string }).detail).toMatch(/sandbox/i);
        }
      }
      // The address's budget is whole: 60 wrong keys are still answered 401, the 61st is not.
      const wrong = `${secret.slice(0, -6)}AAAAAA`;
      for (let i = 0; i < 60; i++) {
        expect((await fromAddress(runtime, address, "/v1/regions", wrong)).status).toBe(401);
      }
      expect((await fromAddress(runtime, address, "/v1/regions", wrong)).status).toBe(429);
    });

    it("takes the client address from a trusted proxy only", async () => {
      const viaProxy = (forwardedFor: string, peer: string) =>
        runtime.api.request(
          "http://localhost/v1/regions",
          { headers: { "X-Forwarded-For": forwardedFor } },
          { incoming: { headers: {}, socket: { remoteAddress: peer } } },
        );
      const spoofed = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
      // An untrusted peer cannot move its failures onto someone else's address.
      const peer = "203.0.113.77";
      for (let i = 0; i < 60; i++) expect((await viaProxy(spoofed, peer)).status).toBe(401);
      expect((await viaProxy("192.0.2.250", peer)).status).toBe(429);
      expect((await viaProxy(spoofed, "127.0.0.1")).status).toBe(401);
    });

    it.runIf(hasRedis)(
      "makes several instances share one budget exactly, and hear plan changes",
      async () => {
        const prefix = `rl-test-${randomBase62(8)}`;
        const first = await createTestRuntime(target, { redis: true, rateLimitKeyPrefix: prefix });
        const second = await createTestRuntime(target, {
          redis: true,
          rateLimitKeyPrefix: prefix,
          postgresSchema: first.postgresSchema ?? undefined,
          sqliteFile: first.sqliteFile ?? undefined,
        });
        try {
          const org = await createTestOrganization(first, "free");
          const { secret } = await createTestKey(first, org);
          const statuses = await Promise.all([
            burst(first, secret, 60),
            burst(second, secret, 60),
          ]).then((both) => both.flat());
          expect(count(statuses, 200)).toBe(100);
          expect(count(statuses, 429)).toBe(20);

          await setOrganizationPlan(
            first.store.db,
            {
              slug: org.slug,
              plan: "pro",
              rateLimitOverride: null,
              actor: "test",
              now: new Date(),
            },
            first.bus,
          );
          const started = Date.now();
          for (;;) {
            const res = await apiRequest(second, "GET", "/v1/regions", { key: secret });
            if (res.status === 200) {
              expect(limits(res).limit).toBe("10000");
              break;
            }
            if (Date.now() - started > 1000) throw new Error("the plan change did not arrive");
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        } finally {
          await second.close();
          await first.close();
        }
      },
    );
  });
});
