import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signPortalToken } from "@/lib/auth/portal-token";
import { scopesOfRole } from "@/lib/catalog/roles";
import { fromJson } from "@/lib/db/json";
import type { Role } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { createApiKey } from "@/lib/keys/create-api-key";
import {
  addTestMember,
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberPrincipal,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

interface Member {
  id: string;
  user_id: string;
  email: string;
  role: Role;
}

interface Person {
  userId: string;
  memberId: string;
  token: string;
}

describe.each(storeTargets())("members API on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let other: TestOrganization;
  let owner: Person;
  let operatorKey: string;

  const call = (method: string, path: string, key: string, body?: unknown) =>
    apiRequest(runtime, method, path, { key, body, headers: { "x-request-id": newId("req") } });

  const tokenOf = (userId: string, o: TestOrganization = org) =>
    signPortalToken(
      {
        userId,
        organizationId: o.organizationId,
        projectId: o.projectId,
        environment: "live",
        // The token's role is stale on purpose: the API must read the membership instead.
        role: "owner",
      },
      runtime.sessionSecret,
      runtime.now(),
    );

  const addPerson = async (role: Role, o: TestOrganization = org): Promise<Person> => {
    const { userId, memberId } = await addTestMember(runtime, o, role);
    return { userId, memberId, token: await tokenOf(userId, o) };
  };

  /** A key made by this member through the portal, with every scope their role allows. */
  const keyOf = async (person: Person, role: Role) => {
    const principal = { ...memberPrincipal(org, role), userId: person.userId };
    const created = await createApiKey(
      { db: runtime.store.db, principal, now: runtime.now() },
      { name: `${role} key`, scopes: scopesOfRole(role) },
    );
    return created.secret;
  };

  const setRole = (key: string, memberId: string, role: Role) =>
    call("PATCH", `/v1/members/${memberId}`, key, { role });

  const auditOf = (targetId: string) =>
    runtime.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_id", "=", targetId)
      .orderBy("created_at")
      .execute()
      .then((rows) =>
        rows.map((row) => ({
          ...row,
          before: fromJson<Record<string, unknown> | null>(row.changes_before, null),
          after: fromJson<Record<string, unknown> | null>(row.changes_after, null),
        })),
      );

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime, "pro");
    other = await createTestOrganization(runtime, "pro");
    const self = await runtime.store.db
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", org.userId)
      .executeTakeFirstOrThrow();
    owner = { userId: org.userId, memberId: self.id, token: await tokenOf(org.userId) };
    operatorKey = (await createTestKey(runtime, org)).secret;
  });
  afterAll(() => runtime.close());

  it("lists and gets the organization's members, filtered by role, never another's", async () => {
    const dev = await addPerson("developer");
    const stranger = await addPerson("admin", other);
    const all = await call("GET", "/v1/members", owner.token);
    expect(all.status).toBe(200);
    const ids = ((await all.json()) as { data: Member[] }).data.map((m) => m.id);
    expect(ids).toContain(dev.memberId);
    expect(ids).toContain(owner.memberId);
    expect(ids).not.toContain(stranger.memberId);
    const devs = (await (await call("GET", "/v1/members?role=developer", owner.token)).json()) as {
      data: Member[];
    };
    expect(devs.data.every((m) => m.role === "developer")).toBe(true);
    const one = await call("GET", `/v1/members/${dev.memberId}`, owner.token);
    expect(await one.json()).toMatchObject({
      id: dev.memberId,
      object: "member",
      role: "developer",
    });
    expect((await call("GET", `/v1/members/${stranger.memberId}`, owner.token)).status).toBe(404);
    expect((await setRole(owner.token, stranger.memberId, "viewer")).status).toBe(404);
  });

  it("changes a role with an audit entry carrying the request id; effective on the next request", async () => {
    const dev = await addPerson("developer");
    expect((await call("GET", "/v1/api-keys", dev.token)).status).toBe(200);
    const res = await apiRequest(runtime, "PATCH", `/v1/members/${dev.memberId}`, {
      key: owner.token,
      body: { role: "billing" },
      headers: { "x-request-id": "req_rolechange1" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "billing" });
    // Same token, signed when they were a developer: the membership decides now.
    expect((await call("GET", "/v1/api-keys", dev.token)).status).toBe(403);
    const [entry] = await auditOf(dev.memberId);
    expect(entry).toMatchObject({
      action: "member.role_changed",
      actor_type: "user",
      actor_id: owner.userId,
    });
    expect(entry).toMatchObject({
      outcome: "success",
      request_id: res.headers.get("x-request-id"),
      before: { role: "developer" },
      after: { role: "billing" },
    });
  });

  it("refuses every escalation path and records the denied attempts", async () => {
    const admin = await addPerson("admin");
    const dev = await addPerson("developer");
    const viewer = await addPerson("viewer");
    // An admin cannot make an owner, change an owner or promote themselves to owner.
    expect((await setRole(admin.token, dev.memberId, "owner")).status).toBe(403);
    expect((await setRole(admin.token, owner.memberId, "viewer")).status).toBe(403);
    expect((await setRole(admin.token, admin.memberId, "owner")).status).toBe(403);
    expect((await call("DELETE", `/v1/members/${owner.memberId}`, admin.token)).status).toBe(403);
    // A member without members:write changes nobody.
    expect((await setRole(viewer.token, dev.memberId, "admin")).status).toBe(403);
    expect((await setRole(dev.token, viewer.memberId, "developer")).status).toBe(403);
    // Transfers: only an owner in the portal.
    expect(
      (await call("POST", `/v1/members/${dev.memberId}/transfer-ownership`, admin.token)).status,
    ).toBe(403);
    expect(
      (await call("POST", `/v1/members/${dev.memberId}/transfer-ownership`, operatorKey)).status,
    ).toBe(403);
    // An admin may manage developers and other admins.
    expect((await setRole(admin.token, dev.memberId, "admin")).status).toBe(200);
    const denied = (await auditOf(owner.memberId)).filter((e) => e.outcome === "denied");
    expect(denied.map((e) => e.action).sort()).toEqual(["member.removed", "member.role_changed"]);
    expect((await auditOf(dev.memberId)).filter((e) => e.outcome === "denied")).toHaveLength(4);
  });

  it("lets a key manage members up to admin, never owner, and cuts its scopes with its creator's role", async () => {
    const admin = await addPerson("admin");
    const key = await keyOf(admin, "admin");
    const dev = await addPerson("developer");
    expect((await setRole(key, dev.memberId, "admin")).status).toBe(200);
    expect((await setRole(key, dev.memberId, "owner")).status).toBe(403);
    expect((await setRole(key, owner.memberId, "admin")).status).toBe(403);
    // The operator's key (no creator) acts as admin too.
    expect((await setRole(operatorKey, dev.memberId, "owner")).status).toBe(403);
    // The owner's own key is still not an owner.
    const ownerKey = await keyOf(owner, "owner");
    expect((await setRole(ownerKey, dev.memberId, "owner")).status).toBe(403);
    // Demote the key's creator: the key loses members:write at once.
    expect((await setRole(owner.token, admin.memberId, "viewer")).status).toBe(200);
    expect((await setRole(key, dev.memberId, "developer")).status).toBe(403);
    expect((await call("GET", "/v1/members", key)).status).toBe(200);
  });

  it("keeps the last owner: no demotion, no removal, no leaving; ownership moves by transfer", async () => {
    const solo = await createTestOrganization(runtime, "pro");
    const soloMember = await runtime.store.db
      .selectFrom("memberships")
      .select("id")
      .where("organization_id", "=", solo.organizationId)
      .executeTakeFirstOrThrow();
    const soloToken = await tokenOf(solo.userId, solo);
    const demote = await call("PATCH", `/v1/members/${soloMember.id}`, soloToken, {
      role: "admin",
    });
    expect(demote.status).toBe(409);
    expect(((await demote.json()) as { type: string }).type).toMatch(/#last_owner$/);
    expect((await call("DELETE", `/v1/members/${soloMember.id}`, soloToken)).status).toBe(409);
    const heir = await addPerson("developer", solo);
    const transfer = await call(
      "POST",
      `/v1/members/${heir.memberId}/transfer-ownership`,
      soloToken,
    );
    expect(transfer.status).toBe(200);
    expect(await transfer.json()).toMatchObject({ role: "owner" });
    // The former owner is an admin now, and may leave.
    expect((await call("DELETE", `/v1/members/${soloMember.id}`, soloToken)).status).toBe(204);
    expect((await call("GET", "/v1/members", soloToken)).status).toBe(401);
  });

  it("lets exactly one of two owners who demote each other at once succeed", async () => {
    const pair = await createTestOrganization(runtime, "pro");
    const first = await runtime.store.db
      .selectFrom("memberships")
      .select("id")
      .where("organization_id", "=", pair.organizationId)
      .executeTakeFirstOrThrow();
    const firstToken = await tokenOf(pair.userId, pair);
    const second = await addPerson("owner", pair);
    const results = await Promise.all([
      call("PATCH", `/v1/members/${second.memberId}`, firstToken, { role: "admin" }),
      call("PATCH", `/v1/members/${first.id}`, second.token, { role: "admin" }),
    ]);
    // The loser waited for the lock (409 last_owner) or, when the store ran the two one after
    // the other, was already an admin when its request arrived (403): never both succeed.
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const owners = await runtime.store.db
      .selectFrom("memberships")
      .select("id")
      .where("organization_id", "=", pair.organizationId)
      .where("role", "=", "owner")
      .execute();
    expect(owners).toHaveLength(1);
  });

  it("removes a member and keeps the keys they created, with their creator", async () => {
    const dev = await addPerson("developer");
    const key = await keyOf(dev, "developer");
    expect((await call("DELETE", `/v1/members/${dev.memberId}`, owner.token)).status).toBe(204);
    expect((await call("GET", `/v1/members/${dev.memberId}`, owner.token)).status).toBe(404);
    expect((await call("GET", "/v1/members", dev.token)).status).toBe(401);
    const kept = await runtime.store.db
      .selectFrom("api_keys")
      .select(["created_by_user_id", "revoked_at"])
      .where("created_by_user_id", "=", dev.userId)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ created_by_user_id: dev.userId, revoked_at: null });
    expect((await call("GET", "/v1/api-keys", key)).status).toBe(200);
    const [entry] = await auditOf(dev.memberId);
    expect(entry).toMatchObject({ action: "member.removed" });
  });
  it("shows each member's unrevoked keys and, when asked, revokes them with the removal", async () => {
    const dev = await addPerson("developer");
    const key = await keyOf(dev, "developer");
    const listed = (await (
      await call("GET", `/v1/members/${dev.memberId}`, owner.token)
    ).json()) as {
      active_keys: number;
      last_active_at: string | null;
    };
    expect(listed).toMatchObject({ active_keys: 1, last_active_at: null });
    const res = await call("DELETE", `/v1/members/${dev.memberId}?revoke_keys=true`, owner.token);
    expect(res.status).toBe(204);
    expect((await call("GET", "/v1/api-keys", key)).status).toBe(401);
    const revoked = await runtime.store.db
      .selectFrom("api_keys")
      .select(["id", "revoked_at"])
      .where("created_by_user_id", "=", dev.userId)
      .executeTakeFirstOrThrow();
    expect(revoked.revoked_at).not.toBeNull();
    expect((await auditOf(revoked.id)).map((e) => e.action)).toContain("api_key.revoked");
  });
});
