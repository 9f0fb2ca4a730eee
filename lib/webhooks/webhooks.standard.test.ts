import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WebhookDeliveryDto, WebhookEndpointWithSecretDto } from "@/lib/schemas/webhooks";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, type ProblemJson } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { type ReceivedWebhook, WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { verifySignature } from "./signature";

/** What one receiver holding one secret made of a delivery, with the `standardwebhooks` package. */
function standardVerdict(secret: string, hook: ReceivedWebhook): string {
  try {
    new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>);
    return "verified";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Deliveries made by the job runner over HTTP to a receiver on loopback, checked with the
 * `standardwebhooks` npm package exactly as a customer would use it. That package compares
 * webhook-timestamp with the real clock, so this runtime's clock is the real one (plus an offset
 * a test moves forward past a rotation's overlap).
 */
describe.each(storeTargets())("Standard Webhooks signatures on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: string;
  let receiver: WebhookReceiver;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now, env: { PROVISION_DELAY_MS: "0" } });
    receiver = await new WebhookReceiver().start();
  });
  afterAll(async () => {
    await receiver.close();
    await runtime.close();
  });
  beforeEach(async () => {
    offsetMs = 0;
    org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
    receiver.respond = () => ({ status: 200, body: "ok" });
    await runtime.jobs.drain();
    receiver.clear();
  });

  const createEndpoint = () =>
    call<WebhookEndpointWithSecretDto>(runtime, "POST", "/v1/webhook-endpoints", key, 201, {
      url: receiver.url(),
      enabled_events: ["resource.created"],
    });
  const createResource = (name: string) =>
    call<{ id: string }>(runtime, "POST", "/v1/resources", key, 201, { name });
  const rotate = (id: string, body?: unknown) =>
    call<WebhookEndpointWithSecretDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${id}/rotate-secret`,
      key,
      200,
      body,
    );
  const deliveries = (endpointId: string) =>
    call<{ data: WebhookDeliveryDto[] }>(
      runtime,
      "GET",
      `/v1/webhook-endpoints/${endpointId}/deliveries`,
      key,
      200,
    ).then((page) => page.data);

  it("signs a real delivery so the standardwebhooks package verifies it with the shown secret", async () => {
    const endpoint = await createEndpoint();
    // The receiver answers from its own verification, as a real one would.
    receiver.respond = (hook) =>
      standardVerdict(endpoint.secret, hook) === "verified"
        ? { status: 204 }
        : { status: 400, body: "invalid signature" };
    const resource = await createResource("standard");
    await runtime.jobs.drain();

    expect(receiver.received).toHaveLength(1);
    const [hook] = receiver.received;
    if (!hook) throw new Error("no delivery");
    const event = JSON.parse(hook.body) as { id: string; type: string; data: { id: string } };
    expect(event).toMatchObject({ type: "resource.created", data: { id: resource.id } });
    expect(hook.headers["webhook-id"]).toBe(event.id);
    expect(hook.headers["cloud-event-id"]).toBe(event.id);
    expect(String(hook.headers["webhook-signature"])).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const timestamp = Number(hook.headers["webhook-timestamp"]);
    expect(Math.abs(timestamp - Date.now() / 1000)).toBeLessThan(60);
    // Cloud-Signature is still there, from the same secret and the same instant.
    const cloud = String(hook.headers["cloud-signature"]);
    expect(cloud).toMatch(new RegExp(`^t=${timestamp},v1=[0-9a-f]{64}$`));
    expect(verifySignature(endpoint.secret, hook.body, cloud, now())).toBe(true);
    expect((await deliveries(endpoint.id))[0]).toMatchObject({
      status: "succeeded",
      response_status: 204,
    });

    // What a receiver must refuse: another secret, a changed body, another message id.
    const other = await createEndpoint();
    expect(standardVerdict(other.secret, hook)).toBe("No matching signature found");
    expect(standardVerdict(endpoint.secret, { ...hook, body: `${hook.body} ` })).toBe(
      "No matching signature found",
    );
    expect(
      standardVerdict(endpoint.secret, {
        ...hook,
        headers: { ...hook.headers, "webhook-id": "evt_other" },
      }),
    ).toBe("No matching signature found");
  });

  it("keeps the same webhook-id on a retry and signs each attempt with its own time", async () => {
    const endpoint = await createEndpoint();
    receiver.respond = () => ({ status: 503 });
    await createResource("retried");
    await runtime.jobs.drain();
    offsetMs = 61_000; // the first retry is due a minute after the first attempt
    receiver.respond = () => ({ status: 200 });
    await runtime.jobs.drain();

    expect(receiver.received).toHaveLength(2);
    const [first, retry] = receiver.received;
    if (!first || !retry) throw new Error("expected two attempts");
    expect(retry.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    expect(retry.body).toBe(first.body);
    expect(
      Number(retry.headers["webhook-timestamp"]) - Number(first.headers["webhook-timestamp"]),
    ).toBeGreaterThanOrEqual(60);
    // The retry is signed for its own (moved) time: checked at that time, it verifies.
    expect(
      verifySignature(endpoint.secret, retry.body, String(retry.headers["cloud-signature"]), now()),
    ).toBe(true);
  });

  it("signs with both secrets during a rotation's overlap, so either receiver verifies", async () => {
    const endpoint = await createEndpoint();
    const rotated = await rotate(endpoint.id, { expires_in: "24h" });
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(Date.parse(rotated.previous_secret_expires_at ?? "")).toBeCloseTo(
      now().getTime() + 86_400_000,
      -4,
    );
    await createResource("overlap");
    await runtime.jobs.drain();

    const [hook] = receiver.received;
    if (!hook) throw new Error("no delivery");
    const entries = String(hook.headers["webhook-signature"]).split(" ");
    expect(entries).toHaveLength(2);
    expect(standardVerdict(endpoint.secret, hook)).toBe("verified"); // holds only the old one
    expect(standardVerdict(rotated.secret, hook)).toBe("verified"); // holds only the new one
    const cloud = String(hook.headers["cloud-signature"]);
    expect(cloud.match(/v1=/g)).toHaveLength(2);
    expect(verifySignature(endpoint.secret, hook.body, cloud, now())).toBe(true);
    expect(verifySignature(rotated.secret, hook.body, cloud, now())).toBe(true);

    // Past the overlap only the new secret signs.
    receiver.clear();
    offsetMs = 86_400_000 + 1000;
    await createResource("after-overlap");
    await runtime.jobs.drain();
    const [late] = receiver.received;
    if (!late) throw new Error("no delivery after the overlap");
    expect(String(late.headers["webhook-signature"]).split(" ")).toHaveLength(1);
    const lateCloud = String(late.headers["cloud-signature"]);
    expect(verifySignature(rotated.secret, late.body, lateCloud, now())).toBe(true);
    expect(verifySignature(endpoint.secret, late.body, lateCloud, now())).toBe(false);
  });

  it("stops the old secret at once by default, and keeps at most two secrets signing", async () => {
    const endpoint = await createEndpoint();
    const first = await rotate(endpoint.id); // no body: expires_in now
    expect(first.previous_secret_expires_at).toBeNull();
    await createResource("immediate");
    await runtime.jobs.drain();
    const [hook] = receiver.received;
    if (!hook) throw new Error("no delivery");
    expect(standardVerdict(first.secret, hook)).toBe("verified");
    expect(standardVerdict(endpoint.secret, hook)).toBe("No matching signature found");

    const second = await rotate(first.id, { expires_in: "1h" });
    const third = await rotate(first.id, { expires_in: "1h" });
    receiver.clear();
    await createResource("twice-rotated");
    await runtime.jobs.drain();
    const [latest] = receiver.received;
    if (!latest) throw new Error("no delivery");
    expect(String(latest.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(standardVerdict(third.secret, latest)).toBe("verified");
    expect(standardVerdict(second.secret, latest)).toBe("verified");
    expect(standardVerdict(first.secret, latest)).toBe("No matching signature found");
  });

  it("answers 422 for an unknown expires_in", async () => {
    const endpoint = await createEndpoint();
    const problem = await call<ProblemJson>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`,
      key,
      422,
      { expires_in: "1y" },
    );
    expect(problem.errors?.[0]?.field).toBe("expires_in");
  });
});
