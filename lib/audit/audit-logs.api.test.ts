import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/accounts/password";
import { addMember } from "@/lib/admin/add-member";
import { SCOPES } from "@/lib/catalog/scopes";
import { newId } from "@/lib/ids";
import type { AuditLogDto, AuditLogListDto } from "@/lib/schemas/audit-logs";
import {
  addTestMember,
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberToken,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(storeTargets())("audit log API on %s", (target) => {
  const clock = new TestClock();
  let runtime: TestRuntime;
  let org: TestOrganization;
  let other: TestOrganization;
  let admin: { id: string; secret: string };
  let otherKey: string;

  /** A request with its own request id; answers the response and that id. */
  const send = async (method: string, path: string, key: string, body?: unknown) => {
    clock.advance(1);
    const requestId = newId("req");
    const res = await apiRequest(runtime, method, path, {
      key,
      body,
      headers: { "x-request-id": requestId },
    });
    return { res, requestId };
  };

  const list = (query: string, key = admin.secret) =>
    call<AuditLogListDto>(runtime, "GET", `/v1/audit-logs?${query}`, key, 200);

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now, env: { PROVISION_DELAY_MS: "0" } });
    org = await createTestOrganization(runtime, "pro");
    other = await createTestOrganization(runtime, "pro");
    admin = await createTestKey(runtime, org, { name: "audit admin" });
    otherKey = (await createTestKey(runtime, other)).secret;
  });
  afterAll(() => runtime.close());

  it("records key creation and revocation with the request id, the actor and before/after", async () => {
    const created = await send("POST", "/v1/api-keys", admin.secret, { name: "ci deploy" });
    expect(created.res.status).toBe(201);
    const key = (await created.res.json()) as { id: string; secret: string };
    const revoked = await send("POST", `/v1/api-keys/${key.id}/revoke`, admin.secret);
    expect(revoked.res.status).toBe(200);

    const page = await list(`target_id=${key.id}`);
    expect(page.data.map((e) => e.action)).toEqual(["api_key.revoked", "api_key.created"]);
    const [revokedEntry, createdEntry] = page.data as [AuditLogDto, AuditLogDto];
    expect(createdEntry).toMatchObject({
      object: "audit_log",
      outcome: "success",
      actor: { type: "api_key", id: admin.id },
      targets: [{ type: "api_key", id: key.id, name: "ci deploy" }],
      context: { request_id: created.requestId, source: "api" },
      changes: { before: null, after: { name: "ci deploy", scopes: expect.any(Array) } },
      project_id: org.projectId,
      environment: "live",
    });
    expect(createdEntry.actor.display).toMatch(/^sk_live_\.\.\..{4}$/);
    expect(revokedEntry).toMatchObject({
      context: { request_id: revoked.requestId },
      changes: { before: { revoked_at: null }, after: { status: "revoked" } },
    });
    expect(JSON.stringify(page)).not.toContain(key.secret.slice(8));
    // One entry by id too.
    const one = await call<AuditLogDto>(
      runtime,
      "GET",
      `/v1/audit-logs/${createdEntry.id}`,
      admin.secret,
      200,
    );
    expect(one).toEqual(createdEntry);
  });

  it("records a member's role change from the portal with before and after", async () => {
    const dev = await addTestMember(runtime, org, "developer");
    const owner = await memberToken(runtime, org, "owner");
    const changed = await send("PATCH", `/v1/members/${dev.memberId}`, owner, { role: "viewer" });
    expect(changed.res.status).toBe(200);
    const [entry] = (await list(`target_id=${dev.memberId}`)).data;
    expect(entry).toMatchObject({
      action: "member.role_changed",
      outcome: "success",
      actor: { type: "user", id: org.userId, display: `${org.userId.toLowerCase()}@example.test` },
      context: { request_id: changed.requestId, source: "portal" },
      changes: { before: { role: "developer" }, after: { role: "viewer" } },
      // Members are the organization's: the entry belongs to no project.
      project_id: null,
    });
  });

  it("records a resource's deletion with what it was", async () => {
    const made = await send("POST", "/v1/resources", admin.secret, { name: "doomed-box" });
    expect(made.res.status).toBe(201);
    const resource = (await made.res.json()) as { id: string };
    await runtime.jobs.drain();
    const deleted = await send("DELETE", `/v1/resources/${resource.id}`, admin.secret);
    expect(deleted.res.status).toBe(204);
    const page = await list(`target_id=${resource.id}&action=resource.deleted`);
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      targets: [{ id: resource.id, name: "doomed-box" }],
      context: { request_id: deleted.requestId },
      changes: { before: { id: resource.id, name: "doomed-box" }, after: null },
    });
  });

  it("records refused attempts as denied, and filters by outcome and action family", async () => {
    const viewer = await addTestMember(runtime, org, "viewer");
    const developer = await memberToken(runtime, org, "developer");
    const refused = await send("PATCH", `/v1/members/${viewer.memberId}`, developer, {
      role: "admin",
    });
    expect(refused.res.status).toBe(403);
    const denied = await list("outcome=denied&action=member.*");
    expect(denied.data.length).toBeGreaterThan(0);
    expect(denied.data.every((e) => e.outcome === "denied")).toBe(true);
    expect(denied.data[0]).toMatchObject({
      action: "member.role_changed",
      targets: [{ id: viewer.memberId }],
      context: { request_id: refused.requestId },
      details: { requested_role: "admin" },
    });
    const members = await list("action=member.*&limit=100");
    expect(members.data.length).toBeGreaterThan(1);
    expect(members.data.every((e) => e.action.startsWith("member."))).toBe(true);
    const exact = await list("action=api_key.created,resource.deleted&limit=100");
    expect(new Set(exact.data.map((e) => e.action))).toEqual(
      new Set(["api_key.created", "resource.deleted"]),
    );
  });

  it("filters by actor and by time, and pages with cursors", async () => {
    const byKey = await list(`actor_id=${admin.id}&limit=100`);
    expect(byKey.data.length).toBeGreaterThan(2);
    expect(byKey.data.every((e) => e.actor.id === admin.id)).toBe(true);

    clock.advance(60_000);
    const since = clock.now().toISOString();
    clock.advance(1_000);
    const later = await send("POST", "/v1/api-keys", admin.secret, { name: "later key" });
    const laterKey = (await later.res.json()) as { id: string };
    const recent = await list(`occurred_gte=${encodeURIComponent(since)}`);
    expect(recent.data.map((e) => e.targets[0]?.id)).toEqual([laterKey.id]);
    const before = await list(`occurred_lte=${encodeURIComponent(since)}&limit=100`);
    expect(before.data.some((e) => e.targets[0]?.id === laterKey.id)).toBe(false);
    expect(before.data.length).toBeGreaterThan(0);

    const first = await list("limit=2");
    expect(first.meta).toMatchObject({ page: null, has_more: true });
    const second = await list(`limit=2&cursor=${first.meta.next_cursor}`);
    const ids = [...first.data, ...second.data].map((e) => e.id);
    expect(new Set(ids).size).toBe(4);

    for (const bad of ["action=Member", "occurred_gte=yesterday", "outcome=maybe", "limit=0"]) {
      const res = await apiRequest(runtime, "GET", `/v1/audit-logs?${bad}`, { key: admin.secret });
      expect(res.status, bad).toBe(400);
    }
  });

  it("exports the same filter as CSV, defusing cells a spreadsheet would evaluate", async () => {
    const made = await apiRequest(runtime, "POST", "/v1/api-keys", {
      key: admin.secret,
      body: { name: '=HYPERLINK("http://evil.example","x")' },
      headers: { "user-agent": "@SUM(1+1)" },
    });
    expect(made.status).toBe(201);
    const evil = (await made.json()) as { id: string };
    const res = await apiRequest(runtime, "GET", "/v1/audit-logs?format=csv&action=api_key.*", {
      key: admin.secret,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    expect(res.headers.get("content-disposition")).toMatch(
      /attachment; filename="audit-log-.*\.csv"/,
    );
    const csv = await res.text();
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,occurred_at,action,outcome,actor_type/);
    expect(lines.slice(1).every((line) => line.includes(",api_key."))).toBe(true);
    expect(csv).not.toContain("member.role_changed");
    const row = lines.find((line) => line.includes(evil.id));
    // The name sits inside the targets cell (which starts with its type); the user agent is a
    // cell of its own, so it gets the quote.
    expect(row).toContain(`"api_key:${evil.id} (=HYPERLINK(""http://evil.example"",""x""))"`);
    expect(row).toContain(",'@SUM(1+1),");
    // No cell of any row starts with a formula character.
    for (const line of lines) expect(line).not.toMatch(/(^|,)[=+@\t]/);
  });

  it("is append-only: writing methods answer 405 with Allow", async () => {
    const [entry] = (await list("limit=1")).data;
    for (const path of ["/v1/audit-logs", `/v1/audit-logs/${entry?.id}`]) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        const res = await apiRequest(runtime, method, path, { key: admin.secret, body: {} });
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(res.headers.get("allow")).toBe("GET, HEAD");
        expect(((await res.json()) as { code: string }).code).toBe("method_not_allowed");
      }
    }
  });

  it("never shows another organization's entries", async () => {
    const mine = await list("limit=100");
    const theirs = await list("limit=100", otherKey);
    const mineIds = new Set(mine.data.map((e) => e.id));
    expect(theirs.data.some((e) => mineIds.has(e.id))).toBe(false);
    const id = mine.data[0]!.id;
    await call(runtime, "GET", `/v1/audit-logs/${id}`, otherKey, 404);
    const target = mine.data[0]!.targets[0]!.id;
    expect((await list(`target_id=${target}`, otherKey)).data).toEqual([]);
    // The sandbox's own log holds none of the live project's entries.
    const test = await createTestKey(runtime, org, { environment: "test" });
    const sandbox = await list("limit=100", test.secret);
    expect(sandbox.data.every((e) => e.project_id === null || e.environment === "test")).toBe(true);
  });

  it("requires audit:read", async () => {
    const noAudit = await createTestKey(runtime, org, {
      scopes: SCOPES.filter((s) => s !== "audit:read"),
    });
    const res = await apiRequest(runtime, "GET", "/v1/audit-logs", { key: noAudit.secret });
    expect(res.status).toBe(403);
    const csv = await apiRequest(runtime, "GET", "/v1/audit-logs?format=csv", {
      key: noAudit.secret,
    });
    expect(csv.status).toBe(403);
    const developer = await memberToken(runtime, org, "developer");
    expect((await apiRequest(runtime, "GET", "/v1/audit-logs", { key: developer })).status).toBe(
      403,
    );
    const owner = await memberToken(runtime, org, "owner");
    expect((await apiRequest(runtime, "GET", "/v1/audit-logs", { key: owner })).status).toBe(200);
  });

  it("never records a secret: key secrets, webhook secrets, password hashes", async () => {
    const key = (await (
      await send("POST", "/v1/api-keys", admin.secret, { name: "s" })
    ).res.json()) as {
      secret: string;
    };
    const hook = (await (
      await send("POST", "/v1/webhook-endpoints", admin.secret, { url: "https://example.com/hook" })
    ).res.json()) as { id: string; secret: string };
    const rotated = (await (
      await send("POST", `/v1/webhook-endpoints/${hook.id}/rotate-secret`, admin.secret)
    ).res.json()) as { secret: string };
    const passwordHash = await hashPassword("correct horse battery");
    await addMember(runtime.store.db, {
      slug: org.slug,
      email: `${newId("usr").toLowerCase()}@example.test`,
      role: "viewer",
      newUser: { name: "New", passwordHash },
      actor: "admin-cli",
      now: clock.now(),
    });
    const rows = JSON.stringify(
      await runtime.store.db.selectFrom("audit_log").selectAll().execute(),
    );
    const api = JSON.stringify(await list("limit=100"));
    const csv = await (
      await apiRequest(runtime, "GET", "/v1/audit-logs?format=csv", { key: admin.secret })
    ).text();
    for (const secret of [key.secret, hook.secret, rotated.secret, passwordHash]) {
      for (const text of [rows, api, csv]) expect(text).not.toContain(secret.slice(6));
    }
    expect(api).toContain("webhook_endpoint.secret_rotated");
    const cli = await list("actor_id=admin-cli");
    expect(cli.data[0]).toMatchObject({
      action: "member.added",
      actor: { type: "system", display: "admin-cli" },
      context: { source: "cli", request_id: null },
    });
  });

  // Last: it moves the clock a year on.
  it("prunes entries older than AUDIT_RETENTION_DAYS", async () => {
    const before = await list("limit=1");
    expect(before.meta.total).toBeGreaterThan(0);
    clock.advance(runtime.config.auditRetentionDays * DAY_MS + DAY_MS);
    const fresh = await send("POST", "/v1/api-keys", admin.secret, { name: "after a year" });
    const freshKey = (await fresh.res.json()) as { id: string };
    await runtime.jobs.drain();
    const after = await list("limit=100");
    expect(after.data.map((e) => e.targets[0]?.id)).toEqual([freshKey.id]);
    const targets = await runtime.store.db
      .selectFrom("audit_log_targets")
      .select("audit_id")
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(targets.map((t) => t.audit_id)).toEqual([after.data[0]!.id]);
  });
});
