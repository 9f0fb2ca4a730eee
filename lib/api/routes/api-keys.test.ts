import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopesOfRole } from "@/lib/catalog/roles";
import { SCOPES, type Scope } from "@/lib/catalog/scopes";
import type { Role } from "@/lib/db/schema";
import { parseKeySecret } from "@/lib/keys/secret";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberToken,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

interface KeyBody {
  id: string;
  object: string;
  name: string;
  environment: string;
  prefix: string;
  last4: string;
  redacted: string;
  scopes: string[];
  status: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
  rotated_from_id: string | null;
  secret?: string;
}
interface ListBody {
  data: KeyBody[];
  meta: {
    page: number | null;
    per_page: number;
    total: number;
    next_cursor: string | null;
    has_more: boolean;
  };
}

describe.each(storeTargets())("API keys on %s", (target) => {
  let runtime: TestRuntime;
  let clock: Date;
  let org: TestOrganization;
  let other: TestOrganization;
  let admin: string;
  let adminId: string;

  const advance = (ms: number) => {
    clock = new Date(clock.getTime() + ms);
  };
  const call = (method: string, path: string, key: string, body?: unknown) =>
    apiRequest(runtime, method, path, { key, body });
  const createKey = async (key: string, body: unknown): Promise<KeyBody> => {
    const res = await call("POST", "/v1/api-keys", key, body);
    expect(res.status).toBe(201);
    return (await res.json()) as KeyBody;
  };

  beforeAll(async () => {
    clock = new Date("2026-05-01T12:00:00.000Z");
    runtime = await createTestRuntime(target, { now: () => clock });
    org = await createTestOrganization(runtime, "pro");
    other = await createTestOrganization(runtime, "pro");
    const created = await createTestKey(runtime, org, { name: "admin" });
    admin = created.secret;
    adminId = created.id;
  });
  afterAll(() => runtime.close());

  describe("happy paths", () => {
    it("creates a key with a secret shown once, in the caller's project and environment", async () => {
      const key = await createKey(admin, { name: "CI", scopes: ["resources:read"] });
      expect(key).toMatchObject({
        object: "api_key",
        name: "CI",
        environment: "live",
        prefix: "sk_live_",
        scopes: ["resources:read"],
        status: "active",
        expires_at: null,
        revoked_at: null,
        rotated_from_id: null,
      });
      expect(key.id).toMatch(/^key_/);
      expect(parseKeySecret(key.secret ?? "")?.environment).toBe("live");
      expect(key.redacted).toBe(`sk_live_...${key.secret?.slice(-4)}`);
      // The new secret works and holds only its scopes.
      const secret = key.secret as string;
      expect((await call("GET", `/v1/api-keys/${key.id}`, secret)).status).toBe(403);
      expect((await call("GET", "/v1/regions", secret)).status).toBe(200);
      // Never again: not in get, not in list.
      const got = (await (await call("GET", `/v1/api-keys/${key.id}`, admin)).json()) as KeyBody;
      expect(got).not.toHaveProperty("secret");
      expect(JSON.stringify(got)).not.toContain(secret.slice(8));
      const listText = await (await call("GET", "/v1/api-keys?per_page=100", admin)).text();
      expect(listText).not.toContain(secret.slice(8));
      expect(listText).not.toContain('"secret"');
    });

    it("defaults the scopes to the caller's own and accepts expires_in_days or expires_at", async () => {
      const readOnly = await createKey(admin, {
        name: "reader",
        scopes: ["keys:read", "keys:write", "resources:read"],
      });
      const child = await createKey(readOnly.secret as string, { name: "child" });
      expect(child.scopes.sort()).toEqual(["keys:read", "keys:write", "resources:read"]);
      const days = await createKey(admin, { name: "90 days", expires_in_days: 90 });
      expect(days.status).toBe("expiring");
      expect(days.expires_at).toBe(new Date(clock.getTime() + 90 * 86_400_000).toISOString());
      const at = await createKey(admin, { name: "dated", expires_at: "2026-06-01T00:00:00Z" });
      expect(at.expires_at).toBe("2026-06-01T00:00:00.000Z");
    });

    it("lists newest first in both pagination styles and filters by status", async () => {
      advance(1000);
      const a = await createKey(admin, { name: "page-a" });
      advance(1000);
      const b = await createKey(admin, { name: "page-b" });
      advance(1000);
      const pageMode = (await (
        await call("GET", "/v1/api-keys?per_page=2", admin)
      ).json()) as ListBody;
      expect(pageMode.meta).toMatchObject({ page: 1, per_page: 2, has_more: true });
      expect(pageMode.data.map((k) => k.id)).toEqual([b.id, a.id]);
      const cursorMode = (await (
        await call("GET", `/v1/api-keys?limit=1&cursor=${pageMode.meta.next_cursor}`, admin)
      ).json()) as ListBody;
      expect(cursorMode.meta.page).toBeNull();
      expect(cursorMode.data).toHaveLength(1);
      expect(cursorMode.data[0]?.id).not.toBe(a.id);
      expect(cursorMode.data[0]?.id).not.toBe(b.id);
      const total = pageMode.meta.total;
      const everything = (await (
        await call("GET", "/v1/api-keys?limit=100", admin)
      ).json()) as ListBody;
      expect(everything.data).toHaveLength(total);

      await call("POST", `/v1/api-keys/${a.id}/revoke`, admin);
      const revoked = (await (
        await call("GET", "/v1/api-keys?status=revoked", admin)
      ).json()) as ListBody;
      expect(revoked.data.map((k) => k.id)).toContain(a.id);
      expect(revoked.data.every((k) => k.status === "revoked")).toBe(true);
      const active = (await (
        await call("GET", "/v1/api-keys?status=active", admin)
      ).json()) as ListBody;
      expect(active.data.map((k) => k.id)).not.toContain(a.id);
      expect(active.data.every((k) => k.status === "active")).toBe(true);
    });

    it("rotates: new secret, same name and scopes; the old one works until its expiry, then 401", async () => {
      const old = await createKey(admin, { name: "rolled", scopes: ["resources:read"] });
      const res = await call("POST", `/v1/api-keys/${old.id}/rotate`, admin, {
        expires_in: "1h",
      });
      expect(res.status).toBe(200);
      const rotated = (await res.json()) as KeyBody;
      expect(rotated).toMatchObject({
        name: "rolled",
        scopes: ["resources:read"],
        rotated_from_id: old.id,
        status: "active",
      });
      expect(rotated.secret).not.toBe(old.secret);
      const before = (await (await call("GET", `/v1/api-keys/${old.id}`, admin)).json()) as KeyBody;
      expect(before.status).toBe("expiring");
      expect(before.expires_at).toBe(new Date(clock.getTime() + 3_600_000).toISOString());
      expect((await call("GET", "/v1/regions", old.secret as string)).status).toBe(200);
      advance(3_600_000 - 1);
      expect((await call("GET", "/v1/regions", old.secret as string)).status).toBe(200);
      advance(1);
      expect((await call("GET", "/v1/regions", old.secret as string)).status).toBe(401);
      expect((await call("GET", "/v1/regions", rotated.secret as string)).status).toBe(200);
    });

    it("rotates with expires_in now (the default): the old secret stops at once", async () => {
      const old = await createKey(admin, { name: "now" });
      expect((await call("GET", "/v1/regions", old.secret as string)).status).toBe(200);
      const res = await call("POST", `/v1/api-keys/${old.id}/rotate`, admin);
      expect(res.status).toBe(200);
      expect((await call("GET", "/v1/regions", old.secret as string)).status).toBe(401);
    });

    it("revokes at once (even a cached key) and revoking again changes nothing", async () => {
      const key = await createKey(admin, { name: "to revoke" });
      expect((await call("GET", "/v1/regions", key.secret as string)).status).toBe(200);
      const res = await call("POST", `/v1/api-keys/${key.id}/revoke`, admin);
      expect(res.status).toBe(200);
      const body = (await res.json()) as KeyBody;
      expect(body).toMatchObject({ status: "revoked", revoked_at: clock.toISOString() });
      expect((await call("GET", "/v1/regions", key.secret as string)).status).toBe(401);
      const again = await call("POST", `/v1/api-keys/${key.id}/revoke`, admin);
      expect(again.status).toBe(200);
      expect(((await again.json()) as KeyBody).revoked_at).toBe(body.revoked_at);
    });

    it("records audit entries and events for create, rotate and revoke", async () => {
      const key = await createKey(admin, { name: "audited" });
      const rotated = (await (
        await call("POST", `/v1/api-keys/${key.id}/rotate`, admin, { expires_in: "24h" })
      ).json()) as KeyBody;
      await call("POST", `/v1/api-keys/${rotated.id}/revoke`, admin);
      const { db } = runtime.store;
      const audit = await db
        .selectFrom("audit_log")
        .select(["action", "actor_type", "actor_id", "data", "changes_before", "changes_after"])
        .where("target_id", "in", [key.id, rotated.id])
        .execute();
      expect(audit.map((a) => a.action).sort()).toEqual([
        "api_key.created",
        "api_key.revoked",
        "api_key.rotated",
      ]);
      expect(audit.every((a) => a.actor_type === "api_key" && a.actor_id === adminId)).toBe(true);
      const events = await db
        .selectFrom("events")
        .select(["type", "object_id", "data"])
        .where("object_id", "in", [key.id, rotated.id])
        .execute();
      expect(events.map((e) => e.type).sort()).toEqual([
        "api_key.created",
        "api_key.revoked",
        "api_key.rotated",
      ]);
      // Secrets never reach the audit log or events.
      for (const row of [...audit, ...events]) {
        expect(JSON.stringify(row)).not.toContain((key.secret as string).slice(8));
        expect(JSON.stringify(row)).not.toContain((rotated.secret as string).slice(8));
      }
    });

    it("makes test keys from a test key, in the sandbox", async () => {
      const test = await createTestKey(runtime, org, { environment: "test" });
      const res = await apiRequest(runtime, "POST", "/sandbox/v1/api-keys", {
        key: test.secret,
        body: { name: "sandbox child" },
      });
      expect(res.status).toBe(201);
      const key = (await res.json()) as KeyBody;
      expect(key.environment).toBe("test");
      expect(key.secret).toMatch(/^sk_test_/);
    });
  });

  describe("errors", () => {
    it("answers 422 with errors[] for a bad body", async () => {
      for (const [body, field] of [
        [{}, "name"],
        [{ name: "" }, "name"],
        [{ name: "x".repeat(101) }, "name"],
        [{ name: "ok", scopes: ["root"] }, "scopes.0"],
        [{ name: "ok", scopes: [] }, "scopes"],
        [{ name: "ok", expires_at: "tomorrow" }, "expires_at"],
        [{ name: "ok", expires_in_days: 0 }, "expires_in_days"],
        [{ name: "ok", expires_at: "2027-01-01T00:00:00Z", expires_in_days: 3 }, "expires_in_days"],
        [{ name: "ok", expires_at: "2020-01-01T00:00:00Z" }, "expires_at"],
      ] as const) {
        const res = await call("POST", "/v1/api-keys", admin, body);
        expect(res.status, JSON.stringify(body)).toBe(422);
        const problem = (await res.json()) as { code: string; errors: Array<{ field: string }> };
        expect(problem.code).toBe("validation_failed");
        expect(problem.errors.map((e) => e.field)).toContain(field);
      }
    });

    it("answers 422 for an unknown rotation expiry and 400 for bad list parameters", async () => {
      const key = await createKey(admin, { name: "bad rotate" });
      const res = await call("POST", `/v1/api-keys/${key.id}/rotate`, admin, {
        expires_in: "2d",
      });
      expect(res.status).toBe(422);
      for (const query of ["limit=0", "per_page=101", "status=gone", "cursor=abc&page=2"]) {
        expect((await call("GET", `/v1/api-keys?${query}`, admin)).status, query).toBe(400);
      }
    });

    it("answers 404 for an unknown id and 409 when rotating a revoked or expired key", async () => {
      expect((await call("GET", "/v1/api-keys/key_doesnotexist00", admin)).status).toBe(404);
      expect((await call("POST", "/v1/api-keys/key_doesnotexist00/revoke", admin)).status).toBe(
        404,
      );
      const revoked = await createKey(admin, { name: "revoked" });
      await call("POST", `/v1/api-keys/${revoked.id}/revoke`, admin);
      const res = await call("POST", `/v1/api-keys/${revoked.id}/rotate`, admin);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ code: "conflict" });
      const expiring = await createKey(admin, { name: "short", expires_in_days: 1 });
      advance(86_400_000);
      expect((await call("POST", `/v1/api-keys/${expiring.id}/rotate`, admin)).status).toBe(409);
    });

    it("answers 415 and 400 for a body that is not JSON", async () => {
      const text = await apiRequest(runtime, "POST", "/v1/api-keys", {
        key: admin,
        body: "name=x",
        headers: { "Content-Type": "text/plain" },
      });
      expect(text.status).toBe(415);
      const broken = await apiRequest(runtime, "POST", "/v1/api-keys", {
        key: admin,
        body: "{",
      });
      expect(broken.status).toBe(400);
    });
  });

  describe("security", () => {
    it("needs keys:read to read and keys:write to change", async () => {
      const reader = await createKey(admin, { name: "r", scopes: ["keys:read"] });
      const none = await createKey(admin, { name: "n", scopes: ["resources:read"] });
      const target = await createKey(admin, { name: "target" });
      const r = reader.secret as string;
      const n = none.secret as string;
      expect((await call("GET", "/v1/api-keys", r)).status).toBe(200);
      expect((await call("GET", "/v1/api-keys", n)).status).toBe(403);
      expect((await call("GET", `/v1/api-keys/${target.id}`, n)).status).toBe(403);
      for (const [method, path, body] of [
        ["POST", "/v1/api-keys", { name: "x", scopes: ["keys:read"] }],
        ["POST", `/v1/api-keys/${target.id}/rotate`, {}],
        ["POST", `/v1/api-keys/${target.id}/revoke`, {}],
      ] as const) {
        const res = await call(method, path, r, body);
        expect(res.status, path).toBe(403);
        expect(await res.json()).toMatchObject({ code: "forbidden" });
      }
      // The target is untouched.
      expect((await call("GET", "/v1/regions", target.secret as string)).status).toBe(200);
    });

    it("never mints scopes the caller lacks, by creation or by rotation", async () => {
      const limited = await createKey(admin, {
        name: "limited",
        scopes: ["keys:read", "keys:write"],
      });
      const res = await call("POST", "/v1/api-keys", limited.secret as string, {
        name: "escalate",
        scopes: ["keys:write", "resources:write"],
      });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toContain("resources:write");
      const powerful = await createKey(admin, { name: "powerful", scopes: ["billing:read"] });
      const rotate = await call(
        "POST",
        `/v1/api-keys/${powerful.id}/rotate`,
        limited.secret as string,
      );
      expect(rotate.status).toBe(403);
    });

    it("rotates, revokes and shows the last four only of keys whose scopes the caller holds", async () => {
      const member = (role: Role) => memberToken(runtime, org, role);
      const withScopes = async (scopes: Scope[]) =>
        (await createTestKey(runtime, org, { name: "caller", scopes })).secret;
      const callers: Array<{ name: string; credential: string; holds: ReadonlySet<string> }> = [
        {
          name: "keys-only key",
          credential: await withScopes(["keys:read", "keys:write"]),
          holds: new Set(["keys:read", "keys:write"]),
        },
        {
          name: "keys+resources key",
          credential: await withScopes(["keys:read", "keys:write", "resources:read"]),
          holds: new Set(["keys:read", "keys:write", "resources:read"]),
        },
        { name: "all-scope key", credential: admin, holds: new Set(SCOPES) },
        {
          name: "developer member",
          credential: await member("developer"),
          holds: new Set(scopesOfRole("developer")),
        },
        { name: "owner member", credential: await member("owner"), holds: new Set(SCOPES) },
      ];
      const targets: Scope[][] = [
        [...SCOPES],
        ["resources:read"],
        ["keys:read", "keys:write"],
        ["billing:read"],
      ];
      for (const caller of callers) {
        for (const scopes of targets) {
          const covered = scopes.every((scope) => caller.holds.has(scope));
          const cell = `${caller.name} on a key with ${scopes.length} scope(s)`;
          const target = await createTestKey(runtime, org, { name: "target", scopes });
          const shown = (await (
            await call("GET", `/v1/api-keys/${target.id}`, caller.credential)
          ).json()) as KeyBody;
          expect(shown.last4 === target.secret.slice(-4), cell).toBe(covered);
          expect(shown.redacted, cell).toBe(
            `sk_live_...${covered ? target.secret.slice(-4) : "****"}`,
          );
          const listed = (await (
            await call("GET", "/v1/api-keys?limit=100", caller.credential)
          ).json()) as ListBody;
          expect(listed.data.find((k) => k.id === target.id)?.last4, cell).toBe(shown.last4);

          const rotated = await call("POST", `/v1/api-keys/${target.id}/rotate`, caller.credential);
          expect(rotated.status, cell).toBe(covered ? 200 : 403);
          const revokable = await createTestKey(runtime, org, { name: "target", scopes });
          const revoked = await call(
            "POST",
            `/v1/api-keys/${revokable.id}/revoke`,
            caller.credential,
          );
          expect(revoked.status, cell).toBe(covered ? 200 : 403);
          const stillWorks = (await call("GET", "/v1/regions", revokable.secret)).status;
          expect(stillWorks, cell).toBe(covered ? 401 : 200);
          if (!covered) {
            expect(((await revoked.json()) as { code: string }).code).toBe("forbidden");
            expect((await call("GET", "/v1/regions", target.secret)).status, cell).toBe(200);
          }
        }
      }
      // A viewer may list keys but neither rotate nor revoke any.
      const viewer = await member("viewer");
      const narrow = await createTestKey(runtime, org, { scopes: ["resources:read"] });
      expect((await call("POST", `/v1/api-keys/${narrow.id}/revoke`, viewer)).status).toBe(403);
    });

    it("answers 404 for another organization's key and for the other environment's key", async () => {
      const foreign = await createTestKey(runtime, other, { name: "foreign" });
      const sandboxKey = await createTestKey(runtime, org, { environment: "test", name: "sbx" });
      for (const id of [foreign.id, sandboxKey.id]) {
        expect((await call("GET", `/v1/api-keys/${id}`, admin)).status).toBe(404);
        expect((await call("POST", `/v1/api-keys/${id}/rotate`, admin)).status).toBe(404);
        expect((await call("POST", `/v1/api-keys/${id}/revoke`, admin)).status).toBe(404);
      }
      // Still working: nothing was changed by the refused calls.
      expect((await call("GET", "/v1/regions", foreign.secret)).status).toBe(200);
      const list = (await (await call("GET", "/v1/api-keys?limit=100", admin)).json()) as ListBody;
      expect(list.data.map((k) => k.id)).not.toContain(foreign.id);
      expect(list.data.map((k) => k.id)).not.toContain(sandboxKey.id);
      expect(list.data.every((k) => k.environment === "live")).toBe(true);
    });

    it("lets a portal member act with the role's permissions", async () => {
      const token = (role: Role) => memberToken(runtime, org, role);
      const viewer = await token("viewer");
      expect((await call("GET", "/v1/api-keys", viewer)).status).toBe(200);
      expect((await call("POST", "/v1/api-keys", viewer, { name: "v" })).status).toBe(403);
      const owner = await token("owner");
      const res = await call("POST", "/v1/api-keys", owner, { name: "from the portal" });
      expect(res.status).toBe(201);
      const key = (await res.json()) as KeyBody;
      const row = await runtime.store.db
        .selectFrom("api_keys")
        .select(["created_by_user_id", "created_by_key_id"])
        .where("id", "=", key.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ created_by_user_id: org.userId, created_by_key_id: null });
    });

    it("stores only a hash of the secret", async () => {
      const key = await createKey(admin, { name: "hashed" });
      const row = await runtime.store.db
        .selectFrom("api_keys")
        .selectAll()
        .where("id", "=", key.id)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain((key.secret as string).slice(8, 40));
      expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });
});
