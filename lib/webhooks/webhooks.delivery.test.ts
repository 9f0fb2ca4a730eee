import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type {
  WebhookDeliveryDto,
  WebhookEndpointDto,
  WebhookEndpointWithSecretDto,
} from "@/lib/schemas/webhooks";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { verifySignature } from "./signature";

const MINUTE = 60_000;
/** The published schedule (FAQ), written out here so a change to the code cannot pass silently. */
const RETRY_OFFSETS_MS = [MINUTE, 5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 24 * 60 * MINUTE];

describe.each(storeTargets())("webhook delivery on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: string;
  let receiver: WebhookReceiver;
  const clock = new TestClock(Date.parse("2026-07-01T09:00:00.000Z"));

  beforeAll(async () => {
    runtime = await createTestRuntime(target, {
      now: clock.now,
      env: { PROVISION_DELAY_MS: "0" },
    });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await receiver.close();
    await runtime.close();
  });
  beforeEach(async () => {
    // A fresh organization per test: its own endpoints, counters and mail.
    org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
    // What earlier tests left queued (due now, a week later) goes out before this one starts.
    receiver.respond = () => ({ status: 200, body: "ok" });
    await runtime.jobs.drain();
    receiver.clear();
  });
  afterEach(() => clock.advance(7 * 24 * 60 * MINUTE));

  const createEndpoint = (body: Record<string, unknown>) =>
    call<WebhookEndpointWithSecretDto>(runtime, "POST", "/v1/webhook-endpoints", key, 201, {
      url: receiver.url(),
      ...body,
    });
  const createResource = (name: string) => {
    clock.advance(1);
    return call<{ id: string }>(runtime, "POST", "/v1/resources", key, 201, { name });
  };
  const deliveries = (endpointId: string) =>
    call<{ data: WebhookDeliveryDto[] }>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${endpointId}/deliveries?limit=100`,
      key,
      200,
    ).then((page) => page.data);
  const endpoint = (id: string) =>
    call<WebhookEndpointDto>(runtime, "GET", `/v1/webhook-endpoints/${id}`, key, 200);

  it("POSTs the event as signed JSON and records the answer", async () => {
    const created = await createEndpoint({ enabled_events: ["resource.*"] });
    expect(created.secret).toMatch(/^whsec_[0-9A-Za-z]{32}$/);
    const resource = await createResource("signed");
    await runtime.jobs.drain();

    const types = receiver.received.map((r) => JSON.parse(r.body).type);
    expect(types.sort()).toEqual(["resource.active", "resource.created"]);
    const hook = receiver.received.find((r) => JSON.parse(r.body).type === "resource.created");
    if (!hook) throw new Error("no resource.created delivery");
    const body = JSON.parse(hook.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["created_at", "data", "id", "seq", "type"]);
    expect(body.id).toMatch(/^evt_/);
    expect(body.seq).toEqual(expect.any(Number));
    expect((body.data as { id: string }).id).toBe(resource.id);
    expect(hook.headers["content-type"]).toBe("application/json");
    expect(hook.headers["cloud-event-id"]).toBe(body.id);

    // The signature, recomputed by hand as the guide tells receivers to.
    const signature = String(hook.headers["cloud-signature"]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(Number(t) * 1000).toBe(Math.floor(clock.now().getTime() / 1000) * 1000);
    const expected = createHmac("sha256", created.secret).update(`${t}.${hook.body}`).digest("hex");
    expect(v1).toBe(expected);
    expect(verifySignature(created.secret, hook.body, signature, clock.now())).toBe(true);
    expect(verifySignature(created.secret, `${hook.body} `, signature, clock.now())).toBe(false);

    const list = await deliveries(created.id);
    expect(list).toHaveLength(2);
    for (const delivery of list) {
      expect(delivery).toMatchObject({
        status: "succeeded",
        attempts: 1,
        next_attempt_at: null,
        response_status: 200,
        response_body_excerpt: "ok",
        error: null,
      });
      expect(delivery.response_latency_ms).toBeGreaterThanOrEqual(0);
      expect(delivery.completed_at).not.toBeNull();
    }
    expect((await endpoint(created.id)).last_success_at).not.toBeNull();
  });

  it("only sends the events an endpoint asked for", async () => {
    const exact = await createEndpoint({ enabled_events: ["resource.active"] });
    const other = await createEndpoint({ enabled_events: ["volume.*"] });
    await createResource("filtered");
    await runtime.jobs.drain();
    expect((await deliveries(exact.id)).map((d) => d.event_type)).toEqual(["resource.active"]);
    expect(await deliveries(other.id)).toEqual([]);
  });

  it("retries at +1 min, +5 min, +30 min, +2 h and +24 h, then fails, disables and mails once", async () => {
    receiver.respond = () => ({ status: 500, body: "down for maintenance" });
    const created = await createEndpoint({ enabled_events: ["resource.created"] });
    await createResource("failing");
    const first = clock.now().getTime();
    await runtime.jobs.drain();
    expect(receiver.received).toHaveLength(1);
    let [delivery] = await deliveries(created.id);
    expect(delivery).toMatchObject({ status: "pending", attempts: 1, response_status: 500 });
    expect(delivery?.next_attempt_at).toBe(new Date(first + MINUTE).toISOString());
    expect(delivery?.response_body_excerpt).toBe("down for maintenance");

    for (const offset of RETRY_OFFSETS_MS) {
      // A moment before the retry is due, nothing is sent...
      clock.advance(first + offset - 1000 - clock.now().getTime());
      await runtime.jobs.drain();
      const before = receiver.received.length;
      // ...and at the due time exactly one attempt is.
      clock.advance(1000);
      await runtime.jobs.drain();
      expect(receiver.received.length, `retry at +${offset / MINUTE} min`).toBe(before + 1);
    }
    const sentAt = receiver.received.map(
      (r) => (r.signedAtMs ?? 0) - Math.floor(first / 1000) * 1000,
    );
    expect(sentAt).toEqual([0, ...RETRY_OFFSETS_MS]);
    expect(new Set(receiver.received.map((r) => r.headers["cloud-event-id"])).size).toBe(1);
    expect(receiver.received.map((r) => r.headers["cloud-delivery-attempt"])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
    ]);

    [delivery] = await deliveries(created.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 6, next_attempt_at: null });
    const disabled = await endpoint(created.id);
    expect(disabled).toMatchObject({
      status: "disabled",
      disabled_reason: "consecutive_failures",
      consecutive_failures: 6,
    });
    expect(disabled.disabled_at).toBe(clock.now().toISOString());

    const mails = await runtime.store.db
      .selectFrom("emails")
      .selectAll()
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(mails).toHaveLength(1);
    const owner = await runtime.store.db
      .selectFrom("users")
      .select("email")
      .where("id", "=", org.userId)
      .executeTakeFirstOrThrow();
    expect(mails[0]).toMatchObject({ to_address: owner.email, status: "stored" });
    expect(mails[0]?.subject).toContain(created.url);
    expect(mails[0]?.body_text).toContain(`/dashboard/webhooks/${created.id}`);

    // Nothing more: no further attempts, and new events are not queued for a disabled endpoint.
    clock.advance(3 * 24 * 60 * MINUTE);
    await createResource("while disabled");
    await runtime.jobs.drain();
    expect(receiver.received).toHaveLength(6);
    expect(await deliveries(created.id)).toHaveLength(1);
    const events = await call<{ data: Array<{ type: string; object_id: string }> }>(
      runtime,
      "GET",
      `/v1/events?type=webhook_endpoint.disabled&object_id=${created.id}`,
      key,
      200,
    );
    expect(events.data).toHaveLength(1);
    const audit = await runtime.store.db
      .selectFrom("audit_log")
      .select(["actor_type", "actor_id", "project_id", "environment", "data", "source"])
      .where("action", "=", "webhook_endpoint.disabled")
      .where("target_id", "=", created.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_type: "system",
      actor_id: null,
      source: "job",
      project_id: org.projectId,
      environment: "live",
    });
    expect(JSON.parse(audit[0]!.data)).toMatchObject({
      reason: "consecutive_failures",
      failures: 6,
    });

    // Re-enabled (as the dashboard does), the failed delivery can be sent again, and succeeds.
    const enabled = await call<WebhookEndpointDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${created.id}/enable`,
      key,
      200,
    );
    expect(enabled).toMatchObject({
      status: "enabled",
      disabled_reason: null,
      disabled_at: null,
      consecutive_failures: 0,
    });
    receiver.respond = () => ({ status: 204 });
    const retried = await call<WebhookDeliveryDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${created.id}/deliveries/${delivery?.id}/retry`,
      key,
      202,
    );
    expect(retried).toMatchObject({ status: "pending", attempts: 6 });
    await runtime.jobs.drain();
    [delivery] = await deliveries(created.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 7, response_status: 204 });
    expect(receiver.received.at(-1)?.headers["cloud-event-id"]).toBe(
      receiver.received[0]?.headers["cloud-event-id"],
    );
    // Still one mail.
    const after = await runtime.store.db
      .selectFrom("emails")
      .select("id")
      .where("organization_id", "=", org.organizationId)
      .execute();
    expect(after).toHaveLength(1);
  });

  it("resets the failure count on a success, so a flaky endpoint is not disabled", async () => {
    receiver.respond = () => ({ status: 503 });
    const created = await createEndpoint({ enabled_events: ["resource.created"] });
    await createResource("flaky A");
    const first = clock.now().getTime();
    await runtime.jobs.drain();
    for (const offset of RETRY_OFFSETS_MS.slice(0, 4)) {
      clock.advance(first + offset - clock.now().getTime());
      await runtime.jobs.drain();
    }
    expect((await endpoint(created.id)).consecutive_failures).toBe(5);

    receiver.respond = () => ({ status: 200 });
    await createResource("healthy B");
    await runtime.jobs.drain();
    expect((await endpoint(created.id)).consecutive_failures).toBe(0);

    // A's fifth retry fails: A is failed, but with one failure in a row the endpoint stays on.
    receiver.respond = () => ({ status: 503 });
    clock.advance(first + (RETRY_OFFSETS_MS[4] ?? 0) - clock.now().getTime());
    await runtime.jobs.drain();
    const list = await deliveries(created.id);
    expect(list.map((d) => [d.status, d.attempts])).toEqual([
      ["succeeded", 1],
      ["failed", 6],
    ]);
    expect(await endpoint(created.id)).toMatchObject({
      status: "enabled",
      consecutive_failures: 1,
    });
  });

  it("re-enables an endpoint someone disabled, and sends nothing meanwhile", async () => {
    const created = await createEndpoint({});
    const disabled = await call<WebhookEndpointDto>(
      runtime,
      "PATCH",
      `/v1/webhook-endpoints/${created.id}`,
      key,
      200,
      { status: "disabled" },
    );
    expect(disabled).toMatchObject({ status: "disabled", disabled_reason: "disabled_by_user" });
    await createResource("unsent");
    await runtime.jobs.drain();
    expect(receiver.received).toHaveLength(0);

    const enabled = await call<WebhookEndpointDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${created.id}/enable`,
      key,
      200,
    );
    expect(enabled.status).toBe("enabled");
    await createResource("sent");
    await runtime.jobs.drain();
    expect(receiver.received.length).toBeGreaterThan(0);
  });

  it("sends a test event to one endpoint, once, even when disabled", async () => {
    receiver.respond = () => ({ status: 500 });
    const created = await createEndpoint({ enabled_events: ["*"] });
    const bystander = await createEndpoint({ enabled_events: ["*"] });
    const queued = await call<WebhookDeliveryDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${created.id}/test`,
      key,
      202,
    );
    expect(queued).toMatchObject({ status: "pending", attempts: 0, event_type: "webhook.test" });
    await runtime.jobs.drain();
    clock.advance(2 * 24 * 60 * MINUTE);
    await runtime.jobs.drain();
    const hooks = receiver.received.filter((r) => JSON.parse(r.body).type === "webhook.test");
    expect(hooks).toHaveLength(1);
    const [delivery] = (await deliveries(created.id)).filter(
      (d) => d.event_type === "webhook.test",
    );
    expect(delivery).toMatchObject({ status: "failed", attempts: 1, response_status: 500 });
    expect((await deliveries(bystander.id)).some((d) => d.event_type === "webhook.test")).toBe(
      false,
    );

    await call(runtime, "PATCH", `/v1/webhook-endpoints/${created.id}`, key, 200, {
      status: "disabled",
    });
    receiver.respond = () => ({ status: 200 });
    await call(runtime, "POST", `/v1/webhook-endpoints/${created.id}/test`, key, 202);
    await runtime.jobs.drain();
    const last = (await deliveries(created.id))[0];
    expect(last).toMatchObject({ event_type: "webhook.test", status: "succeeded" });
    expect((await endpoint(created.id)).status).toBe("disabled");
  });

  it("signs with the new secret after a rotation", async () => {
    const created = await createEndpoint({});
    await call(runtime, "POST", `/v1/webhook-endpoints/${created.id}/test`, key, 202);
    await runtime.jobs.drain();
    const before = receiver.received.at(-1);
    if (!before) throw new Error("no delivery");
    const sig = (h: typeof before) => String(h.headers["cloud-signature"]);
    expect(verifySignature(created.secret, before.body, sig(before), clock.now())).toBe(true);

    const rotated = await call<WebhookEndpointWithSecretDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${created.id}/rotate-secret`,
      key,
      200,
    );
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.secret_hint).toBe(`whsec_...${rotated.secret.slice(-4)}`);
    // The secret is never shown again.
    const shown = await call<Record<string, unknown>>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${created.id}`,
      key,
      200,
    );
    expect(shown.secret).toBeUndefined();

    await call(runtime, "POST", `/v1/webhook-endpoints/${created.id}/test`, key, 202);
    await runtime.jobs.drain();
    const after = receiver.received.at(-1);
    if (!after || after === before) throw new Error("no delivery after rotation");
    expect(verifySignature(rotated.secret, after.body, sig(after), clock.now())).toBe(true);
    expect(verifySignature(created.secret, after.body, sig(after), clock.now())).toBe(false);
  });

  it("drops queued attempts of a deleted endpoint", async () => {
    const created = await createEndpoint({});
    await createResource("orphan");
    await call(runtime, "DELETE", `/v1/webhook-endpoints/${created.id}`, key, 204);
    await runtime.jobs.drain();
    expect(receiver.received).toHaveLength(0);
    await call(runtime, "GET", `/v1/webhook-endpoints/${created.id}`, key, 404);
  });
});
