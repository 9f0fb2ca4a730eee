import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  PORTAL_TOKEN_AUDIENCE,
  PORTAL_TOKEN_ISSUER,
  type PortalTokenClaims,
  signPortalToken,
} from "@/lib/auth/portal-token";
import { hashKeySecret } from "@/lib/keys/secret";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberWithRole,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import {
  createTestRuntime,
  type StoreTarget,
  storeTargets,
  type TestRuntime,
} from "@/lib/testing/test-runtime";

const hasRedis = Boolean(process.env.TEST_REDIS_URL);

/** A second instance on the same data (and Redis when asked), as another server would be. */
function secondInstance(first: TestRuntime, redis: boolean, now?: () => Date) {
  return createTestRuntime(first.target, {
    redis,
    now,
    postgresSchema: first.postgresSchema ?? undefined,
    sqliteFile: first.sqliteFile ?? undefined,
  });
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 2000): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe.each(storeTargets())("authentication on %s", (target: StoreTarget) => {
  let runtime: TestRuntime;
  let clock: Date;
  let org: TestOrganization;
  let key: { id: string; secret: string };

  const status = async (secret: string | undefined, path = "/v1/regions", rt = runtime) =>
    (await apiRequest(rt, "GET", path, { key: secret })).status;
  const claims = (overrides: Partial<PortalTokenClaims> = {}): PortalTokenClaims => ({
    userId: org.userId,
    organizationId: org.organizationId,
    projectId: org.projectId,
    environment: "live",
    role: "developer",
    ...overrides,
  });

  beforeAll(async () => {
    clock = new Date("2026-05-01T12:00:00.000Z");
    runtime = await createTestRuntime(target, { now: () => clock });
    org = await createTestOrganization(runtime, "pro");
    key = await createTestKey(runtime, org);
  });
  afterAll(() => runtime.close());

  describe("happy paths", () => {
    it("reads a key from the store once, then from the cache", async () => {
      const fresh = await createTestKey(runtime, org);
      const load = vi.spyOn(runtime.auth, "loadKey");
      try {
        for (let i = 0; i < 5; i++) expect(await status(fresh.secret)).toBe(200);
        expect(load).toHaveBeenCalledTimes(1);
      } finally {
        load.mockRestore();
      }
    });

    it("writes last_used_at in batches, at most about once a minute per key", async () => {
      const used = await createTestKey(runtime, org);
      const lastUsed = () =>
        runtime.store.db
          .selectFrom("api_keys")
          .select("last_used_at")
          .where("id", "=", used.id)
          .executeTakeFirstOrThrow()
          .then((row) => row.last_used_at);
      const first = clock.toISOString();
      expect(await status(used.secret)).toBe(200);
      expect(await lastUsed()).toBeNull(); // nothing written on the request path
      await runtime.lastUsed.flush(false);
      expect(await lastUsed()).toBe(first);
      clock = new Date(clock.getTime() + 20_000);
      expect(await status(used.secret)).toBe(200);
      await runtime.lastUsed.flush(false);
      expect(await lastUsed()).toBe(first); // within the minute: not written again
      clock = new Date(clock.getTime() + 40_000);
      expect(await status(used.secret)).toBe(200);
      await runtime.lastUsed.flush(false);
      expect(await lastUsed()).toBe(clock.toISOString());
    });

    it("flushes pending last_used_at on close (graceful shutdown)", async () => {
      const used = await createTestKey(runtime, org);
      const other = await secondInstance(runtime, false, () => clock);
      expect(await status(used.secret, "/v1/regions", other)).toBe(200);
      await other.close();
      const row = await runtime.store.db
        .selectFrom("api_keys")
        .select("last_used_at")
        .where("id", "=", used.id)
        .executeTakeFirstOrThrow();
      expect(row.last_used_at).toBe(clock.toISOString());
    });

    it("accepts a portal token and gives the member the role's permissions", async () => {
      const developer = await signPortalToken(
        claims({ userId: await memberWithRole(runtime, org, "developer") }),
        runtime.sessionSecret,
        clock,
      );
      expect(await status(developer, "/v1/api-keys")).toBe(200);
      const billing = await signPortalToken(
        claims({ userId: await memberWithRole(runtime, org, "billing"), role: "billing" }),
        runtime.sessionSecret,
        clock,
      );
      expect(await status(billing, "/v1/api-keys")).toBe(403);
      // The role comes from the membership, not from the token: a token that claims owner for
      // the billing member still acts as billing.
      const claimed = await signPortalToken(
        claims({ userId: await memberWithRole(runtime, org, "billing"), role: "owner" }),
        runtime.sessionSecret,
        clock,
      );
      expect(await status(claimed, "/v1/api-keys")).toBe(403);
      const sandbox = await signPortalToken(
        claims({ environment: "test" }),
        runtime.sessionSecret,
        clock,
      );
      expect(await status(sandbox, "/sandbox/v1/api-keys")).toBe(200);
    });
  });

  describe("errors", () => {
    it("refuses a missing, malformed, corrupted or unknown key with 401", async () => {
      const load = vi.spyOn(runtime.auth, "loadKey");
      try {
        expect(await status(undefined)).toBe(401);
        const basic = await apiRequest(runtime, "GET", "/v1/regions", {
          headers: { Authorization: `Basic ${key.secret}` },
        });
        expect(basic.status).toBe(401);
        const corrupted = `${key.secret.slice(0, 20)}${key.secret[20] === "A" ? "B" : "A"}${key.secret.slice(21)}`;
        expect(await status(corrupted)).toBe(401);
        // The checksum refused it: the store (and the cache loader) was never asked.
        expect(load).not.toHaveBeenCalled();
        const unknown = (await createTestKey(runtime, org)).secret;
        await runtime.store.db
          .deleteFrom("api_keys")
          .where("hash", "=", hashKeySecret(unknown))
          .execute();
        expect(await status(unknown)).toBe(401);
        expect(await status(unknown)).toBe(401);
        expect(load).toHaveBeenCalledTimes(1); // "unknown" is remembered briefly
      } finally {
        load.mockRestore();
      }
    });

    it("checks expiry against the clock on every request, cached or not", async () => {
      const expiring = await createTestKey(runtime, org, {
        expiresAt: new Date(clock.getTime() + 5_000),
      });
      expect(await status(expiring.secret)).toBe(200);
      clock = new Date(clock.getTime() + 4_999);
      expect(await status(expiring.secret)).toBe(200);
      clock = new Date(clock.getTime() + 1);
      const res = await apiRequest(runtime, "GET", "/v1/regions", { key: expiring.secret });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/expired/);
    });

    it("refuses a live key on the sandbox", async () => {
      expect(await status(key.secret, "/sandbox/v1/regions")).toBe(401);
      const live = await signPortalToken(claims(), runtime.sessionSecret, clock);
      expect(await status(live, "/sandbox/v1/regions")).toBe(401);
    });
  });

  describe("security", () => {
    it("refuses portal tokens that are expired, tampered, foreign or signed with the raw secret", async () => {
      const good = await signPortalToken(claims(), runtime.sessionSecret, clock);
      expect(await status(good)).toBe(200);

      const old = await signPortalToken(
        claims(),
        runtime.sessionSecret,
        new Date(clock.getTime() - 3 * 60_000),
      );
      expect(await status(old)).toBe(401);

      const [header, payload, signature] = good.split(".");
      const claimsJson = JSON.parse(Buffer.from(payload as string, "base64url").toString());
      const promoted = Buffer.from(JSON.stringify({ ...claimsJson, role: "owner" })).toString(
        "base64url",
      );
      expect(await status(`${header}.${promoted}.${signature}`)).toBe(401);

      const foreign = await signPortalToken(claims(), "another-secret-another-secret-0000", clock);
      expect(await status(foreign)).toBe(401);

      const iat = Math.floor(clock.getTime() / 1000);
      const rawKeyed = await new SignJWT({
        org: org.organizationId,
        prj: org.projectId,
        env: "live",
        role: "owner",
      })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(org.userId)
        .setIssuer(PORTAL_TOKEN_ISSUER)
        .setAudience(PORTAL_TOKEN_AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(new TextEncoder().encode(runtime.sessionSecret));
      expect(await status(rawKeyed)).toBe(401);

      const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
      expect(await status(unsigned)).toBe(401);
      expect(await status("not-a-token")).toBe(401);
    });

    it("refuses a portal token naming an organization that does not exist", async () => {
      const ghost = await signPortalToken(
        claims({ organizationId: "org_doesnotexist00" }),
        runtime.sessionSecret,
        clock,
      );
      expect(await status(ghost)).toBe(401);
    });

    it.runIf(hasRedis)(
      "revocation and rotation on one instance reach another instance's cache within a second",
      async () => {
        const first = await createTestRuntime(target, { redis: true });
        const second = await secondInstance(first, true);
        try {
          const tenant = await createTestOrganization(first, "pro");
          const admin = await createTestKey(first, tenant);
          const victim = await createTestKey(first, tenant);
          const rolled = await createTestKey(first, tenant);
          // Cached on the second instance.
          expect(await status(victim.secret, "/v1/regions", second)).toBe(200);
          expect(await status(rolled.secret, "/v1/regions", second)).toBe(200);
          const revoke = await apiRequest(first, "POST", `/v1/api-keys/${victim.id}/revoke`, {
            key: admin.secret,
          });
          expect(revoke.status).toBe(200);
          const rotate = await apiRequest(first, "POST", `/v1/api-keys/${rolled.id}/rotate`, {
            key: admin.secret,
            body: { expires_in: "now" },
          });
          expect(rotate.status).toBe(200);
          const waited = await eventually(
            async () =>
              (await status(victim.secret, "/v1/regions", second)) === 401 &&
              (await status(rolled.secret, "/v1/regions", second)) === 401,
          );
          expect(waited).toBeLessThan(1000);
        } finally {
          await second.close();
          await first.close();
        }
      },
    );
  });
});
