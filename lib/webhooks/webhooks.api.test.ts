import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  WebhookDeliveryDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from "@/lib/schemas/webhooks";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberPrincipal,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, type ProblemJson, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { createWebhookEndpoint } from "./create-endpoint";
import { webhookSettingsOf } from "./webhook-context";

interface Page<T> {
  data: T[];
  meta: { page: number | null; total: number; next_cursor: string | null; has_more: boolean };
}

describe.each(storeTargets())("webhook endpoints API on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let live: string;
  let sandbox: string;
  let readOnly: string;
  let receiver: WebhookReceiver;
  const clock = new TestClock(Date.parse("2026-07-02T09:00:00.000Z"));

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now, env: { PROVISION_DELAY_MS: "0" } });
    receiver = await new WebhookReceiver().start();
    org = await createTestOrganization(runtime, "pro");
    live = (await createTestKey(runtime, org)).secret;
    sandbox = (await createTestKey(runtime, org, { environment: "test" })).secret;
    readOnly = (await createTestKey(runtime, org, { scopes: ["webhooks:read"] })).secret;
  });
  afterAll(async () => {
    await receiver.close();
    await runtime.close();
  });

  const create = (key: string, body: Record<string, unknown>, path = "/v1/webhook-endpoints") => {
    clock.advance(1);
    return call<WebhookEndpointWithSecretDto>(runtime, "POST", path, key, 201, body);
  };

  it("creates, reads, lists, updates and deletes an endpoint", async () => {
    const created = await create(live, {
      url: receiver.url("/a"),
      description: "Orders",
      enabled_events: ["resource.created", "resource.*", "resource.created"],
    });
    expect(created).toMatchObject({
      object: "webhook_endpoint",
      url: receiver.url("/a"),
      description: "Orders",
      enabled_events: ["resource.*", "resource.created"],
      environment: "live",
      status: "enabled",
      disabled_reason: null,
      consecutive_failures: 0,
    });
    expect(created.id).toMatch(/^we_/);
    expect(created.secret_hint).toBe(`whsec_...${created.secret.slice(-4)}`);
    const defaults = await create(live, { url: receiver.url("/b") });
    expect(defaults.enabled_events).toEqual(["*"]);
    expect(defaults.description).toBe("");

    const got = await call<Record<string, unknown>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${created.id}`,
      readOnly,
      200,
    );
    expect(got.secret).toBeUndefined();
    expect(got.id).toBe(created.id);

    const patched = await call<WebhookEndpointDto>(
      runtime,
      "PATCH",
      `/v1/webhook-endpoints/${created.id}`,
      live,
      200,
      { description: "Orders v2", enabled_events: ["*", "volume.*"], url: receiver.url("/c") },
    );
    expect(patched).toMatchObject({
      description: "Orders v2",
      enabled_events: ["*"],
      url: receiver.url("/c"),
    });

    // Both pagination styles, newest first.
    const paged = await call<Page<WebhookEndpointDto>>(
      runtime,
      "GET",
      "/v1/webhook-endpoints?page=1&per_page=1",
      live,
      200,
    );
    expect(paged.meta).toMatchObject({ page: 1, has_more: true });
    expect(paged.meta.total).toBeGreaterThanOrEqual(2);
    expect(paged.data[0]?.id).toBe(defaults.id);
    const first = await call<Page<WebhookEndpointDto>>(
      runtime,
      "GET",
      "/v1/webhook-endpoints?limit=1",
      live,
      200,
    );
    const second = await call<Page<WebhookEndpointDto>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints?limit=1&cursor=${first.meta.next_cursor}`,
      live,
      200,
    );
    expect([first.data[0]?.id, second.data[0]?.id]).toEqual([defaults.id, created.id]);
    const deliveries = await call<Page<WebhookDeliveryDto>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${created.id}/deliveries?page=1&per_page=5`,
      live,
      200,
    );
    expect(deliveries.meta.page).toBe(1);

    await call(runtime, "DELETE", `/v1/webhook-endpoints/${created.id}`, live, 204);
    await call(runtime, "GET", `/v1/webhook-endpoints/${created.id}`, live, 404);
    await call(runtime, "DELETE", `/v1/webhook-endpoints/${created.id}`, live, 404);
    await call(runtime, "DELETE", `/v1/webhook-endpoints/${defaults.id}`, live, 204);
  });

  it("answers 422 naming the field for bad input", async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, "url"],
      [{ url: "not a url" }, "url"],
      [{ url: "ftp://example.com/hook" }, "url"],
      [{ url: "https://user:secret@example.com/hook" }, "url"],
      [{ url: "https://example.com/hook#frag" }, "url"],
      [{ url: `https://example.com/${"x".repeat(2100)}` }, "url"],
      [{ url: "https://example.com/h", enabled_events: [] }, "enabled_events"],
      [{ url: "https://example.com/h", enabled_events: ["Resource Created"] }, "enabled_events.0"],
      [{ url: "https://example.com/h", enabled_events: "resource.*" }, "enabled_events"],
      [{ url: "https://example.com/h", description: "x".repeat(501) }, "description"],
    ];
    for (const [body, field] of cases) {
      const problem = await call<ProblemJson>(
        runtime,
        "POST",
        "/v1/webhook-endpoints",
        live,
        422,
        body,
      );
      expect(problem.code).toBe("validation_failed");
      expect(
        problem.errors?.map((e) => e.field),
        JSON.stringify(body).slice(0, 80),
      ).toContain(field);
    }
    // An unknown field is refused (the secret is always ours to make), and named.
    const unknown = await call<ProblemJson>(runtime, "POST", "/v1/webhook-endpoints", live, 422, {
      url: "https://example.com/h",
      secret: "mine",
    });
    expect(unknown.detail).toContain("secret");
    const created = await create(live, { url: "https://example.com/h" });
    const bad = await call<ProblemJson>(
      runtime,
      "PATCH",
      `/v1/webhook-endpoints/${created.id}`,
      live,
      422,
      { status: "paused" },
    );
    expect(bad.errors?.map((e) => e.field)).toContain("status");
    const refused = await call<ProblemJson>(
      runtime,
      "PATCH",
      `/v1/webhook-endpoints/${created.id}`,
      live,
      422,
      { url: "https://a:b@example.com/" },
    );
    expect(refused.errors?.[0]).toMatchObject({ field: "url", code: "credentials_not_allowed" });
    const query = await apiRequest(runtime, "GET", "/v1/webhook-endpoints?status=paused", {
      key: live,
    });
    expect(query.status).toBe(400);
  });

  it("needs webhooks:write to change anything", async () => {
    const problem = await call<ProblemJson>(
      runtime,
      "POST",
      "/v1/webhook-endpoints",
      readOnly,
      403,
      { url: "https://example.com/h" },
    );
    expect(problem.detail).toContain("webhooks:write");
  });

  it("keeps sandbox and live apart: endpoints, and the events they receive", async () => {
    receiver.clear();
    const events = ["resource.*"];
    const liveHook = await create(live, { url: receiver.url("/live"), enabled_events: events });
    const testHook = await create(sandbox, { url: receiver.url("/test"), enabled_events: events });
    const viaSandboxPath = await create(
      sandbox,
      { url: receiver.url("/test2") },
      "/sandbox/v1/webhook-endpoints",
    );
    expect(liveHook.environment).toBe("live");
    expect(testHook.environment).toBe("test");
    expect(viaSandboxPath.environment).toBe("test");
    await call(runtime, "GET", `/v1/webhook-endpoints/${liveHook.id}`, sandbox, 404);
    await call(runtime, "GET", `/v1/webhook-endpoints/${testHook.id}`, live, 404);
    await call(runtime, "POST", `/v1/webhook-endpoints/${liveHook.id}/test`, sandbox, 404);
    const sandboxList = await call<Page<WebhookEndpointDto>>(
      runtime,
      "GET",
      "/v1/webhook-endpoints?limit=100",
      sandbox,
      200,
    );
    expect(sandboxList.data.every((e) => e.environment === "test")).toBe(true);

    clock.advance(1);
    const sandboxResource = await call<{ id: string }>(
      runtime,
      "POST",
      "/v1/resources",
      sandbox,
      201,
      { name: "sandbox only" },
    );
    await runtime.jobs.drain();
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { data: { id?: string } });
    expect(bodies.some((b) => b.data.id === sandboxResource.id)).toBe(true);
    const liveDeliveries = await call<Page<WebhookDeliveryDto>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${liveHook.id}/deliveries`,
      live,
      200,
    );
    expect(liveDeliveries.data).toEqual([]);
    const testDeliveries = await call<Page<WebhookDeliveryDto>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${testHook.id}/deliveries`,
      sandbox,
      200,
    );
    expect(testDeliveries.data.map((d) => d.event_type).sort()).toEqual([
      "resource.active",
      "resource.created",
    ]);

    clock.advance(1);
    await call(runtime, "POST", "/v1/resources", live, 201, { name: "live only" });
    await runtime.jobs.drain();
    const after = await call<Page<WebhookDeliveryDto>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${testHook.id}/deliveries`,
      sandbox,
      200,
    );
    expect(after.data).toHaveLength(2);
    const liveAfter = await call<Page<WebhookDeliveryDto>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${liveHook.id}/deliveries`,
      live,
      200,
    );
    expect(liveAfter.data.length).toBeGreaterThanOrEqual(2);
  });

  it("answers 404 for another organization's endpoint and delivery, and changes nothing", async () => {
    const stranger = await createTestOrganization(runtime, "pro");
    const strangerKey = (await createTestKey(runtime, stranger)).secret;
    const mine = await create(live, { url: receiver.url("/mine") });
    const queued = await call<WebhookDeliveryDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${mine.id}/test`,
      live,
      202,
    );
    await runtime.jobs.drain();
    const base = `/v1/webhook-endpoints/${mine.id}`;
    const attempts: Array<[string, string, unknown]> = [
      ["GET", base, undefined],
      ["PATCH", base, { description: "hijacked", status: "disabled" }],
      ["POST", `${base}/enable`, undefined],
      ["POST", `${base}/rotate-secret`, undefined],
      ["POST", `${base}/test`, undefined],
      ["GET", `${base}/deliveries`, undefined],
      ["POST", `${base}/deliveries/${queued.id}/retry`, undefined],
      ["DELETE", base, undefined],
    ];
    for (const [method, path, body] of attempts) {
      const problem = await call<ProblemJson>(runtime, method, path, strangerKey, 404, body);
      expect(problem.code).toBe("not_found");
    }
    const still = await call<WebhookEndpointDto>(runtime, "GET", base, live, 200);
    expect(still).toMatchObject({ description: "", status: "enabled" });
    expect(still.secret_hint).toBe(mine.secret_hint);
    // A delivery of another endpoint of the same project is not reachable through this one.
    const other = await create(live, { url: receiver.url("/other") });
    await call(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${other.id}/deliveries/${queued.id}/retry`,
      live,
      404,
    );
  });

  it("refuses to retry a pending delivery, or one of a disabled endpoint", async () => {
    const hook = await create(live, { url: receiver.url("/retry") });
    const queued = await call<WebhookDeliveryDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${hook.id}/test`,
      live,
      202,
    );
    const pending = await call<ProblemJson>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${hook.id}/deliveries/${queued.id}/retry`,
      live,
      409,
    );
    expect(pending.detail).toContain("pending");
    await runtime.jobs.drain();
    clock.advance(1);
    await call(runtime, "POST", "/v1/resources", live, 201, { name: "for retry" });
    await runtime.jobs.drain();
    const { data } = await call<Page<WebhookDeliveryDto>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${hook.id}/deliveries?limit=100`,
      live,
      200,
    );
    const real = data.find((d) => d.event_type === "resource.created");
    await call(runtime, "PATCH", `/v1/webhook-endpoints/${hook.id}`, live, 200, {
      status: "disabled",
    });
    const disabled = await call<ProblemJson>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${hook.id}/deliveries/${real?.id}/retry`,
      live,
      409,
    );
    expect(disabled.detail).toContain("disabled");
  });

  it("creates one endpoint per Idempotency-Key, and never replays the secret", async () => {
    const headers = { "Idempotency-Key": `hook-${clock.now().getTime()}` };
    const body = { url: receiver.url("/idem"), description: "idempotent" };
    const first = await apiRequest(runtime, "POST", "/v1/webhook-endpoints", {
      key: live,
      body,
      headers,
    });
    expect(first.status).toBe(201);
    const created = (await first.json()) as WebhookEndpointWithSecretDto;
    const again = await apiRequest(runtime, "POST", "/v1/webhook-endpoints", {
      key: live,
      body,
      headers,
    });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const replayed = (await again.json()) as WebhookEndpointWithSecretDto;
    expect(replayed.id).toBe(created.id);
    expect(replayed.secret).toBe(`whsec_...${created.secret.slice(-4)}`);
    const stored = await runtime.store.db
      .selectFrom("idempotency_keys")
      .select("response_body")
      .where("idempotency_key", "=", headers["Idempotency-Key"])
      .executeTakeFirstOrThrow();
    expect(stored.response_body).not.toContain(created.secret);

    // The domain's own guard: the same key after the stored answer is gone still finds it.
    const ctx = {
      db: runtime.store.db,
      principal: memberPrincipal(org, "owner"),
      now: clock.now(),
      webhooks: webhookSettingsOf(runtime.config, runtime.sessionSecret),
    };
    const direct = await createWebhookEndpoint(ctx, {
      url: body.url,
      idempotencyKey: headers["Idempotency-Key"],
    });
    expect(direct).toMatchObject({ replayed: true, row: { id: created.id } });
    const all = await call<Page<WebhookEndpointDto>>(
      runtime,
      "GET",
      "/v1/webhook-endpoints?limit=100",
      live,
      200,
    );
    expect(all.data.filter((e) => e.description === "idempotent")).toHaveLength(1);
  });

  it("keeps the signing secret sealed in the store", async () => {
    const created = await create(live, { url: receiver.url("/sealed") });
    const row = await runtime.store.db
      .selectFrom("webhook_endpoints")
      .selectAll()
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(6, 20));
    const audit = await runtime.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_id", "=", created.id)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(created.secret);
  });
});
