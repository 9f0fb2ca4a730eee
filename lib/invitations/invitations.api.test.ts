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

interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: string;
  expires_at: string;
  created_at: string;
  delivery: string;
  accept_url: string | null;
  invited_by: { type: string; id: string | null; display: string | null };
}

const DAY = 24 * 60 * 60 * 1000;

describe.each(storeTargets())("invitations API on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let other: TestOrganization;
  let ownerToken: string;
  let operatorKey: string;

  const call = (method: string, path: string, key: string, body?: unknown, requestId?: string) =>
    apiRequest(runtime, method, path, {
      key,
      body,
      headers: { "x-request-id": requestId ?? newId("req") },
    });
  const tokenOf = (userId: string, o: TestOrganization = org) =>
    signPortalToken(
      {
        userId,
        organizationId: o.organizationId,
        projectId: o.projectId,
        environment: "live",
        role: "owner",
      },
      runtime.sessionSecret,
      runtime.now(),
    );
  const tokenWithRole = async (role: Role, o: TestOrganization = org) => {
    const { userId } = await addTestMember(runtime, o, role);
    return { userId, token: await tokenOf(userId, o) };
  };
  const unique = (name: string) => `${name}-${newId("req").slice(4).toLowerCase()}@example.test`;
  const invite = async (key: string, email: string, role: Role = "developer") => {
    const res = await call("POST", "/v1/invitations", key, { email, role });
    return { res, body: (await res.json()) as Invitation };
  };
  /** A person with their own organization whose account e-mail is `email`, signed in. */
  const personWithEmail = async (email: string) => {
    const own = await createTestOrganization(runtime, "free");
    await runtime.store.db
      .updateTable("users")
      .set({ email })
      .where("id", "=", own.userId)
      .execute();
    return { userId: own.userId, token: await tokenOf(own.userId, own) };
  };
  const linkToken = (url: string | null) => {
    const token = url?.split("/invite/")[1];
    if (!token) throw new Error(`no token in ${url}`);
    return token;
  };
  const accept = (key: string, token: string) =>
    call("POST", "/v1/invitations/accept", key, { token });
  const auditOf = (targetId: string) =>
    runtime.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_id", "=", targetId)
      .orderBy("created_at")
      .execute()
      .then((rows) =>
        rows.map((row) => ({ ...row, data: fromJson<Record<string, unknown>>(row.data, {}) })),
      );
  const eventsOf = (objectId: string) =>
    runtime.store.db
      .selectFrom("events")
      .select(["type", "request_id", "data"])
      .where("object_id", "=", objectId)
      .orderBy("seq")
      .execute();

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime, "pro");
    other = await createTestOrganization(runtime, "pro");
    ownerToken = await tokenOf(org.userId);
    operatorKey = (await createTestKey(runtime, org)).secret;
  });
  afterAll(() => runtime.close());

  it("creates a pending invitation with a normalised e-mail, a 7-day expiry, its mail and only a token hash", async () => {
    const email = unique("grace");
    const { res, body } = await invite(ownerToken, `  ${email.toUpperCase()} `, "developer");
    expect(res.status).toBe(201);
    expect(body).toMatchObject({
      object: "invitation",
      email,
      role: "developer",
      status: "pending",
      delivery: "stored",
      invited_by: { type: "user", id: org.userId },
    });
    expect(body.id).toMatch(/^inv_/);
    expect(Date.parse(body.expires_at) - Date.parse(body.created_at)).toBe(7 * DAY);
    const token = linkToken(body.accept_url);
    const mail = await runtime.store.db
      .selectFrom("emails")
      .selectAll()
      .where("to_address", "=", email)
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain(`/invite/${token}`);
    const stored = JSON.stringify([
      await runtime.store.db
        .selectFrom("invitations")
        .selectAll()
        .where("id", "=", body.id)
        .execute(),
      await runtime.store.db
        .selectFrom("invitation_tokens")
        .selectAll()
        .where("invitation_id", "=", body.id)
        .execute(),
    ]);
    expect(stored).not.toContain(token);
    const got = await call("GET", `/v1/invitations/${body.id}`, ownerToken);
    expect(await got.json()).toMatchObject({ id: body.id, status: "pending" });
    // Without members:write nobody reads the link.
    const viewer = await tokenWithRole("viewer");
    const seen = (await (
      await call("GET", `/v1/invitations/${body.id}`, viewer.token)
    ).json()) as Invitation;
    expect(seen.accept_url).toBeNull();
  });

  it("refuses an existing member and a second pending invitation for the same address (409)", async () => {
    const member = await addTestMember(runtime, org, "viewer");
    const memberEmail = `${member.userId.toLowerCase()}@example.test`;
    expect((await invite(ownerToken, memberEmail)).res.status).toBe(409);
    const email = unique("dup");
    expect((await invite(ownerToken, email)).res.status).toBe(201);
    const again = await invite(ownerToken, email.toUpperCase(), "viewer");
    expect(again.res.status).toBe(409);
    expect((await invite(ownerToken, "not-an-email")).res.status).toBe(422);
  });

  it("lists by status with cursor pagination and never shows another organization's", async () => {
    const mine = await Promise.all([1, 2, 3].map(() => invite(ownerToken, unique("list"))));
    const revoked = mine[0]?.body.id ?? "";
    expect((await call("POST", `/v1/invitations/${revoked}/revoke`, ownerToken)).status).toBe(200);
    const otherOwner = await tokenOf(other.userId, other);
    const theirs = await invite(otherOwner, unique("theirs"));
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const query = `limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const page = (await (await call("GET", `/v1/invitations?${query}`, ownerToken)).json()) as {
        data: Invitation[];
        meta: { next_cursor: string | null };
      };
      ids.push(...page.data.map((i) => i.id));
      cursor = page.meta.next_cursor;
    } while (cursor);
    for (const { body } of mine) expect(ids).toContain(body.id);
    expect(ids).not.toContain(theirs.body.id);
    expect(new Set(ids).size).toBe(ids.length);
    const onlyRevoked = (await (
      await call("GET", "/v1/invitations?status=revoked", ownerToken)
    ).json()) as { data: Invitation[] };
    expect(onlyRevoked.data.map((i) => i.id)).toEqual([revoked]);
    expect((await call("GET", "/v1/invitations?status=nope", ownerToken)).status).toBe(400);
    expect((await call("GET", `/v1/invitations/${theirs.body.id}`, ownerToken)).status).toBe(404);
    expect(
      (await call("POST", `/v1/invitations/${theirs.body.id}/revoke`, ownerToken)).status,
    ).toBe(404);
  });

  it("accepts with the invited account only; a different account is refused and it stays pending", async () => {
    const email = unique("ada");
    const { body } = await invite(ownerToken, email, "admin");
    const token = linkToken(body.accept_url);
    const stranger = await personWithEmail(unique("stranger"));
    const wrong = await accept(stranger.token, token);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { detail: string }).detail).toContain(email);
    expect(
      (await (await call("GET", `/v1/invitations/${body.id}`, ownerToken)).json()) as Invitation,
    ).toMatchObject({
      status: "pending",
    });
    // A key never accepts: invitations are for people.
    expect((await accept(operatorKey, token)).status).toBe(403);
    const invited = await personWithEmail(email.toUpperCase());
    const ok = await accept(invited.token, token);
    expect(ok.status).toBe(200);
    const accepted = (await ok.json()) as {
      invitation: Invitation;
      member: { id: string; role: Role; user_id: string };
      organization_id: string;
    };
    expect(accepted.invitation.status).toBe("accepted");
    expect(accepted.member).toMatchObject({ role: "admin", user_id: invited.userId });
    expect(accepted.organization_id).toBe(org.organizationId);
    // The new member acts in the inviting organization straight away.
    const asMember = await tokenOf(invited.userId, org);
    expect((await call("GET", "/v1/members", asMember)).status).toBe(200);
    const used = await accept(invited.token, token);
    expect(used.status).toBe(410);
    expect(used.headers.get("content-type")).toContain("application/problem+json");
    expect(await used.json()).toMatchObject({ status: 410, code: "invitation_expired" });
    expect((await accept(invited.token, "x".repeat(43))).status).toBe(404);
  });

  it("resend gives a new link and expiry and kills the old link; revoke and expiry answer 410", async () => {
    const email = unique("resend");
    const { body } = await invite(ownerToken, email);
    const oldToken = linkToken(body.accept_url);
    await runtime.store.db
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where("id", "=", body.id)
      .execute();
    const person = await personWithEmail(email);
    expect((await accept(person.token, oldToken)).status).toBe(410);
    const expired = (await (
      await call("GET", "/v1/invitations?status=expired", ownerToken)
    ).json()) as { data: Invitation[] };
    expect(expired.data.map((i) => i.id)).toContain(body.id);
    const resent = await call("POST", `/v1/invitations/${body.id}/resend`, ownerToken);
    expect(resent.status).toBe(200);
    const renewed = (await resent.json()) as Invitation;
    expect(renewed.status).toBe("pending");
    expect(Date.parse(renewed.expires_at)).toBeGreaterThan(Date.now() + 6 * DAY);
    const newToken = linkToken(renewed.accept_url);
    expect(newToken).not.toBe(oldToken);
    const gone = await accept(person.token, oldToken);
    expect(gone.status).toBe(410);
    expect(((await gone.json()) as { detail: string }).detail).toMatch(/replaced/);
    // The listed link is the new one too.
    const listed = (await (
      await call("GET", `/v1/invitations/${body.id}`, ownerToken)
    ).json()) as Invitation;
    expect(listed.accept_url).toBe(renewed.accept_url);
    expect((await call("POST", `/v1/invitations/${body.id}/revoke`, ownerToken)).status).toBe(200);
    expect((await accept(person.token, newToken)).status).toBe(410);
    expect((await call("POST", `/v1/invitations/${body.id}/resend`, ownerToken)).status).toBe(409);
    expect((await call("POST", `/v1/invitations/${body.id}/revoke`, ownerToken)).status).toBe(409);
  });

  it("refuses every escalation: no invitation above one's own role, and no key invites an owner", async () => {
    const developer = await tokenWithRole("developer");
    const admin = await tokenWithRole("admin");
    expect((await invite(developer.token, unique("esc"), "admin")).res.status).toBe(403);
    expect((await invite(developer.token, unique("esc"), "viewer")).res.status).toBe(403);
    const denied = await invite(admin.token, unique("esc"), "owner");
    expect(denied.res.status).toBe(403);
    expect((await invite(admin.token, unique("esc"), "admin")).res.status).toBe(201);
    expect((await invite(operatorKey, unique("esc"), "owner")).res.status).toBe(403);
    // Even a key its owner created acts as admin at most.
    const ownerKey = await createApiKey(
      { db: runtime.store.db, principal: memberPrincipal(org, "owner"), now: runtime.now() },
      { name: "owner key", scopes: scopesOfRole("owner") },
    );
    expect((await invite(ownerKey.secret, unique("esc"), "owner")).res.status).toBe(403);
    const byKey = await invite(ownerKey.secret, unique("esc"), "admin");
    expect(byKey.res.status).toBe(201);
    expect(byKey.body.invited_by).toMatchObject({ type: "api_key", id: ownerKey.key.id });
    // An owner signed in to the portal may invite owners; an admin may not revoke that one.
    const ownerInvite = await invite(ownerToken, unique("owner"), "owner");
    expect(ownerInvite.res.status).toBe(201);
    const revoke = await call("POST", `/v1/invitations/${ownerInvite.body.id}/revoke`, admin.token);
    expect(revoke.status).toBe(403);
    const refusals = await runtime.store.db
      .selectFrom("audit_log")
      .select(["action", "outcome"])
      .where("organization_id", "=", org.organizationId)
      .where("action", "like", "invitation.%")
      .execute();
    const deniedEntries = refusals.filter((r) => r.outcome === "denied");
    expect(deniedEntries.length).toBeGreaterThanOrEqual(6);
  });

  it("writes an audit entry and an event with the request id for each change", async () => {
    const email = unique("trail");
    const created = await call(
      "POST",
      "/v1/invitations",
      ownerToken,
      { email, role: "viewer" },
      "req_invcreate01",
    );
    const { id, accept_url } = (await created.json()) as Invitation;
    await call("POST", `/v1/invitations/${id}/resend`, ownerToken, undefined, "req_invresend01");
    const latest = (await (
      await call("GET", `/v1/invitations/${id}`, ownerToken)
    ).json()) as Invitation;
    expect(latest.accept_url).not.toBe(accept_url);
    const person = await personWithEmail(email);
    await call(
      "POST",
      "/v1/invitations/accept",
      person.token,
      { token: linkToken(latest.accept_url) },
      "req_invaccept01",
    );
    const audit = await auditOf(id);
    expect(audit.map((e) => [e.action, e.request_id])).toEqual([
      ["invitation.created", "req_invcreate01"],
      ["invitation.resent", "req_invresend01"],
      ["invitation.accepted", "req_invaccept01"],
    ]);
    expect(audit[2]).toMatchObject({ actor_type: "user", actor_id: person.userId });
    expect(JSON.stringify(audit)).not.toContain(linkToken(latest.accept_url));
    const events = await eventsOf(id);
    expect(events.map((e) => [e.type, e.request_id])).toEqual([
      ["invitation.created", "req_invcreate01"],
      ["invitation.resent", "req_invresend01"],
      ["invitation.accepted", "req_invaccept01"],
    ]);
    expect(JSON.stringify(events)).not.toContain("/invite/");
    const revokedOne = await invite(ownerToken, unique("trail"));
    await call("POST", `/v1/invitations/${revokedOne.body.id}/revoke`, ownerToken);
    expect((await auditOf(revokedOne.body.id)).map((e) => e.action)).toEqual([
      "invitation.created",
      "invitation.revoked",
    ]);
    expect((await eventsOf(revokedOne.body.id)).map((e) => e.type)).toEqual([
      "invitation.created",
      "invitation.revoked",
    ]);
    const types = (await (await call("GET", "/v1/event-types", ownerToken)).json()) as {
      data: Array<{ type: string }>;
    };
    expect(types.data.map((t) => t.type)).toEqual(
      expect.arrayContaining(["invitation.created", "invitation.accepted"]),
    );
  });

  it("with SMTP configured, queues the mail and shows no link", async () => {
    const smtp = await createTestRuntime(target, { env: { SMTP_URL: "smtp://127.0.0.1:2525" } });
    try {
      const o = await createTestOrganization(smtp, "pro");
      const token = await signPortalToken(
        {
          userId: o.userId,
          organizationId: o.organizationId,
          projectId: o.projectId,
          environment: "live",
          role: "owner",
        },
        smtp.sessionSecret,
        smtp.now(),
      );
      const res = await apiRequest(smtp, "POST", "/v1/invitations", {
        key: token,
        body: { email: unique("smtp"), role: "viewer" },
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ delivery: "smtp", accept_url: null });
      const jobs = await smtp.store.db
        .selectFrom("jobs")
        .select("type")
        .where("type", "=", "email.send")
        .execute();
      expect(jobs).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });
});
