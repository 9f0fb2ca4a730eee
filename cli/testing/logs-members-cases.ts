import { expect, it } from "vitest";
import { addTestMember, apiRequest, memberToken } from "@/lib/testing/fixtures";
import type { CliFixture } from "./cli-fixture";

/** What commands.test.ts gives these cases: its fixture and its covered-output helpers. */
export interface CommandHarness {
  fx: CliFixture;
  table(argv: string[]): Promise<string>;
  json<T = Record<string, unknown>>(argv: string[]): Promise<T>;
}

interface Log {
  id: string;
  method: string;
  path: string;
  status: number;
  ip: string | null;
  api_key: { id: string } | null;
}

interface LogPage {
  data: Log[];
  meta: { total: number };
}

/** Ids, generated e-mails and times vary per run; the golden file holds the rest. */
function normalize(text: string): string {
  return text
    .replace(/\b(mem|usr|inv)_[A-Za-z0-9]+/g, "$1_<id>")
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z/g, "<time>");
}

/** Member, invitation and request-log cases, run inside commands.test.ts's describe per store. */
export function logsAndMembersCases(h: CommandHarness): void {
  const { fx } = h;

  it("logs list filters by method, status, path, key, ip, request id and time; logs get traces", async () => {
    const created = await apiRequest(fx.runtime, "POST", "/v1/resources", {
      key: fx.liveKey,
      body: { name: "logged" },
      headers: { "x-request-id": "req_cliLogsCreate0001" },
    });
    expect(created.status).toBe(201);
    const missing = await fx.run(["resources", "get", "res_missing0000000000"]);
    expect(missing.code).toBe(1);
    await fx.runtime.usage.flush();

    const posts = await h.json<LogPage>(["logs", "list", "--method", "post", "--path", "/v1/res"]);
    expect(posts.data.map((l) => l.id)).toContain("req_cliLogsCreate0001");
    expect(posts.data.every((l) => l.method === "POST" && l.path.startsWith("/v1/res"))).toBe(true);
    const failures = await h.json<LogPage>(["logs", "list", "--status", "4xx"]);
    expect(failures.data.length).toBeGreaterThan(0);
    expect(failures.data.every((l) => l.status >= 400 && l.status < 500)).toBe(true);
    expect(failures.data.some((l) => l.path === "/v1/resources/res_missing0000000000")).toBe(true);
    const byId = await h.json<LogPage>(["logs", "list", "--request-id", "req_cliLogsCreate0001"]);
    expect(byId.data.map((l) => l.status)).toEqual([201]);
    const keyId = byId.data[0]!.api_key!.id;
    const byKey = await h.json<LogPage>(["logs", "list", "--key", keyId, "--since", "1h"]);
    expect(byKey.data.length).toBeGreaterThan(1);
    expect(byKey.data.every((l) => l.api_key?.id === keyId)).toBe(true);
    const old = await h.json<LogPage>(["logs", "list", "--until", "2001-01-01T00:00:00Z"]);
    expect(old.data).toEqual([]);
    const future = await h.json<LogPage>(["logs", "list", "--since", "2999-01-01T00:00:00Z"]);
    expect(future.meta.total).toBe(0);
    // Requests over the loopback server carry its address.
    const served = failures.data.find((l) => l.ip !== null)!;
    const byIp = await h.json<LogPage>(["logs", "list", "--ip", served.ip!, "--limit", "100"]);
    expect(byIp.data.every((l) => l.ip === served.ip)).toBe(true);

    const lines = await h.table(["logs", "list", "--request-id", "req_cliLogsCreate0001"]);
    expect(lines).toMatch(/^ID\s+TIME\s+METHOD\s+STATUS\s+PATH\s+MS\s+BY\s+ERROR\n/);
    expect(lines).toMatch(
      /req_cliLogsCreate0001\s+\S+Z\s+POST\s+201\s+\/v1\/resources\s+[\d.]+\s+sk_live_/,
    );
    const quiet = await fx.run(["logs", "list", "--status", "404", "--all", "-q"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout.trim().split("\n").length).toBeGreaterThan(0);
    expect(quiet.stdout).toMatch(/^(req_\w+\n)+$/);

    const detail = await h.json<{
      id: string;
      trace: { events: Array<{ type: string }>; deliveries: Array<{ id: string }> };
    }>(["logs", "get", "req_cliLogsCreate0001"]);
    expect(detail.trace.events.map((e) => e.type)).toContain("resource.created");
    const shown = await h.table(["logs", "get", "req_cliLogsCreate0001"]);
    expect(shown).toMatch(
      /\nEvents:\nEVENT\s+TYPE\s+OBJECT\s+CREATED\nevt_\w+\s+resource\.created/,
    );
    // The endpoints earlier cases made each get a delivery of the event.
    const deliveries = shown.split("\nWebhook deliveries:")[1]!;
    if (detail.trace.deliveries.length === 0) expect(deliveries).toBe(" none\n");
    else {
      expect(deliveries).toMatch(/^\nDELIVERY\s+ENDPOINT\s+EVENT\s+STATUS\s+ATTEMPTS\s+HTTP\n/);
      for (const d of detail.trace.deliveries) expect(deliveries).toContain(d.id);
    }

    const unknown = await fx.run(["logs", "get", "req_neverMadeThis01"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("(404 not_found)");
    const badStatus = await fx.run(["logs", "list", "--status", "teapot"]);
    expect(badStatus.code).toBe(1);
    expect(badStatus.stderr).toMatch(/\(400 bad_request\)|\(422 validation_failed\)/);
    expect(badStatus.stderr).toContain("status must be a code (404) or a class (4xx)");
    const both = await fx.run(["logs", "list", "--all", "--limit", "2"]);
    expect(both.code).toBe(2);
  });

  it("members list, get, update --role and remove; the last owner answers 409 (exit 1)", async () => {
    const dev = await addTestMember(fx.runtime, fx.org, "developer");
    const listed = await h.json<{ data: Array<{ id: string; role: string }> }>(["members", "list"]);
    const owner = listed.data.find((m) => m.role === "owner")!;
    expect(listed.data.map((m) => m.id)).toContain(dev.memberId);
    // The path is the test file's (commands.test.ts), which runs these cases.
    await expect(normalize(await h.table(["members", "list"]))).toMatchFileSnapshot(
      "./__golden__/members-list.txt",
    );
    const devs = await fx.run(["members", "list", "--role", "developer", "-q"]);
    expect(devs.stdout).toBe(`${dev.memberId}\n`);

    expect((await h.json(["members", "get", dev.memberId])).role).toBe("developer");
    expect(await h.table(["members", "get", dev.memberId])).toContain("Test developer");
    expect((await h.json(["members", "update", dev.memberId, "--role", "viewer"])).role).toBe(
      "viewer",
    );
    expect(await h.table(["members", "update", dev.memberId, "--role", "billing"])).toMatch(
      /\sbilling\s/,
    );
    for (const argv of [
      ["members", "update", dev.memberId],
      ["members", "update", dev.memberId, "--role", "superuser"],
      ["members", "list", "--role", "king"],
    ]) {
      const refused = await fx.run(argv);
      expect(refused.code, argv.join(" ")).toBe(2);
    }

    // Only an owner signed in to the portal reaches the owner role: its portal token as the key.
    const portal = fx.env({ CLOUD_API_KEY: await memberToken(fx.runtime, fx.org, "owner") });
    const demote = await fx.run(["members", "update", owner.id, "--role", "admin"], {
      env: portal,
    });
    expect(demote.code).toBe(1);
    expect(demote.stdout).toBe("");
    expect(demote.stderr).toMatch(
      /\(409 last_owner\)\n.*at least one owner[\s\S]*Request id: req_/,
    );
    const leave = await fx.run(["members", "remove", owner.id], { env: portal });
    expect(leave.code).toBe(1);
    expect(leave.stderr).toContain("(409 last_owner)");
    // A key acts as an admin at most: it cannot touch an owner at all.
    const byKey = await fx.run(["members", "update", owner.id, "--role", "viewer"]);
    expect(byKey.code).toBe(1);
    expect(byKey.stderr).toContain("(403 forbidden)");

    expect(await h.table(["members", "remove", dev.memberId])).toBe(`Deleted ${dev.memberId}\n`);
    expect((await fx.run(["members", "get", dev.memberId])).code).toBe(1);
    const other = await addTestMember(fx.runtime, fx.org, "viewer");
    expect(await h.json(["members", "remove", other.memberId, "--revoke-keys"])).toBeNull();
    expect(fx.sent.at(-1)).toMatchObject({ method: "DELETE", status: 204 });
  });

  it("invitations create --email --role, list, get, resend and revoke", async () => {
    const made = await h.json<{ id: string; status: string; accept_url: string | null }>([
      "invitations",
      "create",
      "--email",
      "Grace@Example.com",
      "--role",
      "developer",
    ]);
    expect(made.status).toBe("pending");
    // No SMTP in tests: the mail is kept and the link is for the caller to pass on.
    expect(made.accept_url).toMatch(/^https?:\/\/.+\/invite\//);
    const shown = await h.table([
      "invitations",
      "create",
      "--email",
      "ada@example.com",
      "--role",
      "viewer",
    ]);
    expect(shown).toMatch(
      /^ID\s+EMAIL\s+ROLE\s+STATUS\s+EXPIRES\s+INVITED BY\s+DELIVERY\s+ACCEPT URL\n/,
    );
    expect(shown).toMatch(/inv_\w+\s+ada@example\.com\s+viewer\s+pending\s+\S+\s+.*stored\s+http/);

    const twice = await fx.run([
      "invitations",
      "create",
      "--email",
      "grace@example.com",
      "--role",
      "developer",
    ]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("(409 conflict)");
    const invalid = await fx.run(["invitations", "create", "--email", "nope", "--role", "viewer"]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/\(422 validation_failed\)[\s\S]*\n {2}email: /);
    const usage = await fx.run(["invitations", "create", "--role", "viewer"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--email <address>' not specified");

    const pending = await h.json<{ data: Array<{ id: string }> }>([
      "invitations",
      "list",
      "--status",
      "pending",
    ]);
    expect(pending.data.map((i) => i.id)).toContain(made.id);
    expect(await h.table(["invitations", "list"])).toMatch(
      /grace@example\.com\s+developer\s+pending/,
    );
    const ids = await fx.run(["invitations", "list", "--all", "-q"]);
    expect(ids.stdout.split("\n")).toContain(made.id);

    expect((await h.json(["invitations", "get", made.id])).email).toBe("grace@example.com");
    expect(await h.table(["invitations", "get", made.id])).toContain("grace@example.com");
    const resent = await h.json<{ accept_url: string }>(["invitations", "resend", made.id]);
    expect(resent.accept_url).not.toBe(made.accept_url);
    expect(await h.table(["invitations", "resend", made.id])).toMatch(/pending/);
    expect(await h.table(["invitations", "revoke", made.id])).toMatch(/\srevoked\s/);
    const again = await fx.run(["invitations", "revoke", made.id, "-o", "json"]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe("");
    expect(again.stderr).toContain("(409 conflict)");
    const other = await h.json<{ id: string }>([
      "invitations",
      "create",
      "--email",
      "linus@example.com",
      "--role",
      "billing",
    ]);
    expect((await h.json(["invitations", "revoke", other.id])).status).toBe("revoked");
    const revoked = await fx.run(["invitations", "list", "--status", "revoked", "-q"]);
    expect(revoked.stdout.trim().split("\n").sort()).toEqual([made.id, other.id].sort());
  });
}
