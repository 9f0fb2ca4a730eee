import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookDeliveryDto, WebhookEndpointWithSecretDto } from "@/lib/schemas/webhooks";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { call, type ProblemJson } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { sendWebhook } from "./send-webhook";

/** Production rules (WEBHOOK_ALLOW_PRIVATE_URLS=0): what a customer's URL may never reach. */
describe.each(storeTargets())("webhook SSRF rules on %s", (target) => {
  let runtime: TestRuntime;
  let key: string;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { WEBHOOK_ALLOW_PRIVATE_URLS: "0" } });
    receiver = await new WebhookReceiver().start();
    key = (await createTestKey(runtime, await createTestOrganization(runtime, "pro"))).secret;
  });
  afterAll(async () => {
    await receiver.close();
    await runtime.close();
  });

  it.each([
    ["http://example.com/hook", "https_required"],
    [`http://127.0.0.1:${1234}/hook`, "https_required"],
    ["https://127.0.0.1/hook", "private_address"],
    ["https://[::1]/hook", "private_address"],
    ["https://169.254.169.254/latest/meta-data/", "private_address"],
    ["https://10.0.0.8/hook", "private_address"],
    ["https://localhost/hook", "private_address"],
    ["https://user:pass@example.com/hook", "credentials_not_allowed"],
    ["https://[::7f00:1]/hook", "private_address"],
    ["https://[::ffff:0:a9fe:a9fe]/hook", "private_address"],
    ["https://example.com:22/hook", "port_not_allowed"],
    ["https://example.com:25/hook", "port_not_allowed"],
  ])("refuses %s with 422 naming url (%s)", async (url, code) => {
    const problem = await call<ProblemJson>(runtime, "POST", "/v1/webhook-endpoints", key, 422, {
      url,
    });
    expect(problem.errors).toEqual([expect.objectContaining({ field: "url", code })]);
  });

  it("refuses event names over 100 characters, on create and on update", async () => {
    const long = `resource.${"a".repeat(92)}`;
    const created = await call<ProblemJson>(runtime, "POST", "/v1/webhook-endpoints", key, 422, {
      url: "https://example.com:8443/hook",
      enabled_events: [long],
    });
    expect(created.errors).toEqual([
      expect.objectContaining({ field: "enabled_events.0", code: "too_big" }),
    ]);
    const endpoint = await call<WebhookEndpointWithSecretDto>(
      runtime,
      "POST",
      "/v1/webhook-endpoints",
      key,
      201,
      { url: "https://example.com:8443/hook", enabled_events: [long.slice(0, 100)] },
    );
    const updated = await call<ProblemJson>(
      runtime,
      "PATCH",
      `/v1/webhook-endpoints/${endpoint.id}`,
      key,
      422,
      { enabled_events: ["resource.*", long] },
    );
    expect(updated.errors?.[0]?.field).toBe("enabled_events.1");
  });

  it("checks the address again at delivery time, and sends nothing to a private one", async () => {
    const created = await call<WebhookEndpointWithSecretDto>(
      runtime,
      "POST",
      "/v1/webhook-endpoints",
      key,
      201,
      { url: "https://hooks.example.com/cloud" },
    );
    // As if the name now resolved to this host (DNS rebinding), or the row were changed.
    for (const [url, reason] of [
      [
        `https://localhost:${receiver.portNumber}/hooks`,
        /localhost resolves to .*private or reserved/,
      ],
      [`https://127.0.0.1:${receiver.portNumber}/hooks`, /127\.0\.0\.1 is a private or reserved/],
    ] as const) {
      await runtime.store.db
        .updateTable("webhook_endpoints")
        .set({ url })
        .where("id", "=", created.id)
        .execute();
      await call(runtime, "POST", `/v1/webhook-endpoints/${created.id}/test`, key, 202);
      await runtime.jobs.drain();
      const { data } = await call<{ data: WebhookDeliveryDto[] }>(
        runtime,
        "GET",
        `/v1/webhook-endpoints/${created.id}/deliveries`,
        key,
        200,
      );
      expect(data[0]).toMatchObject({ status: "failed", response_status: null });
      expect(data[0]?.error).toMatch(reason);
    }
    expect(receiver.received).toHaveLength(0);
  });
});

describe("sending one attempt", () => {
  it("does not follow redirects, and gives up after the timeout", async () => {
    let hits = 0;
    const server = createServer((req, res) => {
      hits += 1;
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "/elsewhere" });
        res.end();
      }
      // /hang: never answers
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const rules = { allowPrivate: true };
      const redirected = await sendWebhook(
        { url: `${base}/redirect`, body: "{}", headers: {} },
        rules,
      );
      expect(redirected).toMatchObject({ ok: false, status: 302 });
      expect(hits).toBe(1);
      const hung = await sendWebhook({ url: `${base}/hang`, body: "{}", headers: {} }, rules, 300);
      expect(hung).toMatchObject({ ok: false, status: null });
      expect(hung.error).toMatch(/No answer within/);
      expect(hung.latencyMs).toBeGreaterThanOrEqual(290);
      const refused = await sendWebhook(
        { url: "http://127.0.0.1:1/nothing", body: "{}", headers: {} },
        rules,
      );
      expect(refused).toMatchObject({ ok: false, status: null, error: "Connection refused" });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
