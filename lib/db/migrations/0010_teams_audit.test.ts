import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OldStore as OldStoreHandle, storeBefore } from "@/lib/testing/store-before";
import { storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const BEFORE = "0009_webhook_signing";
const AT = "2026-11-20T10:00:00.000Z";

/** audit_log as migration 0001 made it (what 0010 rewrites). */
interface OldAuditRow {
  id: string;
  organization_id: string;
  project_id: string | null;
  environment: string | null;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  data: string;
  ip: string | null;
  created_at: string;
}

type OldStore = {
  audit_log: OldAuditRow;
  users: Record<string, string | null>;
  organizations: Record<string, string | null>;
  projects: Record<string, string>;
  api_keys: Record<string, string | null>;
};

const old = (id: string, row: Partial<OldAuditRow>): OldAuditRow => ({
  id,
  organization_id: "org_m10",
  project_id: null,
  environment: null,
  actor_type: "system",
  actor_id: null,
  action: "x.y",
  target_type: null,
  target_id: null,
  data: "{}",
  ip: null,
  created_at: AT,
  ...row,
});

const ROWS: OldAuditRow[] = [
  old("aud_m10a", {
    actor_type: "user",
    actor_id: "usr_m10",
    action: "member.role_changed",
    target_type: "member",
    target_id: "mem_m10",
    ip: "203.0.113.7",
    data: JSON.stringify({
      email: "pat@example.test",
      before: { role: "developer" },
      after: { role: "viewer" },
      outcome: "success",
      request_id: "req_m10aaaa",
      user_agent: "curl/8",
    }),
  }),
  old("aud_m10b", {
    actor_type: "key",
    actor_id: "key_m10",
    project_id: "prj_m10",
    environment: "live",
    action: "member.role_changed",
    target_type: "member",
    target_id: "mem_m10",
    data: JSON.stringify({ role: "owner", outcome: "denied", reason: "no", request_id: "req_b" }),
  }),
  old("aud_m10c", {
    actor_id: "admin-cli",
    action: "organization.plan_changed",
    target_type: "organization",
    target_id: "org_m10",
    data: JSON.stringify({ from: { plan: "free" }, to: { plan: "pro" } }),
  }),
  old("aud_m10d", {
    action: "webhook_endpoint.disabled",
    project_id: "prj_m10",
    environment: "live",
    target_type: "webhook_endpoint",
    target_id: "we_m10",
    data: JSON.stringify({ url: "https://hooks.example.test/x", failures: 6 }),
  }),
];

describe.each(storeTargets())(
  "migration 0010 gives audit entries their columns on %s",
  (target) => {
    let runtime: TestRuntime;
    let store: OldStoreHandle<OldStore>;

    beforeAll(async () => {
      store = await storeBefore<OldStore>(target, BEFORE);
      const { db } = store;
      await db
        .insertInto("users")
        .values({
          id: "usr_m10",
          email: "owner@example.test",
          name: "Owner",
          created_at: AT,
          updated_at: AT,
        })
        .execute();
      await db
        .insertInto("organizations")
        .values({
          id: "org_m10",
          slug: "m10",
          name: "M10",
          plan: "free",
          created_at: AT,
          updated_at: AT,
        })
        .execute();
      await db
        .insertInto("projects")
        .values({
          id: "prj_m10",
          organization_id: "org_m10",
          slug: "default",
          name: "D",
          created_at: AT,
        })
        .execute();
      await db
        .insertInto("api_keys")
        .values({
          id: "key_m10",
          organization_id: "org_m10",
          project_id: "prj_m10",
          environment: "live",
          name: "ci",
          hash: "h_m10",
          prefix: "sk_live_",
          last4: "wxyz",
          scopes: "[]",
          created_at: AT,
        })
        .execute();
      await db.insertInto("audit_log").values(ROWS).execute();
      runtime = await store.upgrade();
    });
    afterAll(async () => {
      await runtime?.close();
      await store?.drop();
    });

    const rowOf = (id: string) =>
      runtime.store.db
        .selectFrom("audit_log")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirstOrThrow();

    it("moves outcome, request id, user agent and before/after out of data", async () => {
      const a = await rowOf("aud_m10a");
      expect(a).toMatchObject({
        outcome: "success",
        actor_type: "user",
        actor_display: "owner@example.test",
        source: "portal",
        request_id: "req_m10aaaa",
        user_agent: "curl/8",
        ip: "203.0.113.7",
      });
      expect(JSON.parse(a.changes_before!)).toEqual({ role: "developer" });
      expect(JSON.parse(a.changes_after!)).toEqual({ role: "viewer" });
      expect(JSON.parse(a.targets)).toEqual([
        { type: "member", id: "mem_m10", name: "pat@example.test" },
      ]);
      expect(JSON.parse(a.data)).toEqual({ email: "pat@example.test" });
    });

    it("names keys api_key, shows their redacted form, and keeps a denial's reason", async () => {
      const b = await rowOf("aud_m10b");
      expect(b).toMatchObject({
        outcome: "denied",
        actor_type: "api_key",
        actor_display: "sk_live_...wxyz",
        source: "api",
        request_id: "req_b",
        changes_before: null,
        changes_after: null,
      });
      expect(JSON.parse(b.data)).toEqual({ role: "owner", reason: "no" });
    });

    it("turns from/to into before/after and tells an operator's command from a job", async () => {
      const c = await rowOf("aud_m10c");
      expect(c).toMatchObject({ actor_display: "admin-cli", source: "cli" });
      expect(JSON.parse(c.changes_before!)).toEqual({ plan: "free" });
      expect(JSON.parse(c.changes_after!)).toEqual({ plan: "pro" });
      const d = await rowOf("aud_m10d");
      expect(d).toMatchObject({ actor_display: "system", source: "job", outcome: "success" });
      expect(JSON.parse(d.targets)[0]).toMatchObject({ name: "https://hooks.example.test/x" });
    });

    it("indexes every target, so a target filter finds the moved entries", async () => {
      const targets = await runtime.store.db
        .selectFrom("audit_log_targets")
        .select(["audit_id", "target_id"])
        .where("organization_id", "=", "org_m10")
        .orderBy("audit_id")
        .execute();
      expect(targets).toEqual([
        { audit_id: "aud_m10a", target_id: "mem_m10" },
        { audit_id: "aud_m10b", target_id: "mem_m10" },
        { audit_id: "aud_m10c", target_id: "org_m10" },
        { audit_id: "aud_m10d", target_id: "we_m10" },
      ]);
    });
  },
);
