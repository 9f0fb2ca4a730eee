import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloudApiError, createClient } from "./index";
import { problemBody, ScriptedServer } from "./testing/scripted-server";

const resource = JSON.stringify({
  id: "res_a1",
  type: "instance",
  name: "web",
  status: "provisioning",
  region: "us-east-1",
  spec: {},
  labels: {},
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
});
const created = { status: 201, headers: { "content-type": "application/json" }, body: resource };
const rateLimited = {
  status: 429,
  headers: { "content-type": "application/problem+json", "retry-after": "1" },
  body: problemBody(429, "rate_limited", "Rate limit exceeded"),
};
const unavailable = {
  status: 503,
  headers: { "content-type": "application/problem+json" },
  body: problemBody(503, "internal_error", "try later"),
};

describe("SDK transport: retries and idempotency keys", () => {
  const server = new ScriptedServer();
  beforeAll(async () => {
    await server.start();
  });
  afterAll(() => server.close());
  const client = () =>
    createClient({ apiKey: "sk_test_abc", baseUrl: server.url, retry: { baseDelayMs: 10 } });

  it("retries a POST answered 429 once, after Retry-After, with the same idempotency key", async () => {
    server.script(rateLimited, created);
    const { data } = await client().POST("/v1/resources", { body: { name: "web" } });
    expect(data.id).toBe("res_a1");
    expect(server.seen).toHaveLength(2);
    const [first, second] = server.seen;
    const key = first?.headers["idempotency-key"];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(second?.headers["idempotency-key"]).toBe(key);
    expect(second?.body).toBe(first?.body);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(1000);
    expect(first?.headers.authorization).toBe("Bearer sk_test_abc");
  });

  it("keeps an idempotency key the caller gives", async () => {
    server.script(unavailable, created);
    await client().POST("/v1/resources", { body: { name: "web" }, idempotencyKey: "order-42" });
    expect(server.seen.map((r) => r.headers["idempotency-key"])).toEqual(["order-42", "order-42"]);
  });

  it("never retries a POST sent without an idempotency key", async () => {
    server.script(unavailable, created);
    const error = await client()
      .POST("/v1/resources", { body: { name: "web" }, idempotencyKey: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudApiError);
    expect((error as CloudApiError).status).toBe(503);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]?.headers["idempotency-key"]).toBeUndefined();

    server.script(rateLimited, created);
    const noKeys = createClient({ apiKey: "k", baseUrl: server.url, idempotencyKeys: false });
    await expect(noKeys.POST("/v1/resources", { body: { name: "web" } })).rejects.toMatchObject({
      status: 429,
      code: "rate_limited",
    });
    expect(server.seen).toHaveLength(1);
  });

  it("retries a GET answered 5xx, and one whose connection dropped", async () => {
    server.script(unavailable, { drop: true }, created);
    const { data } = await client().GET("/v1/resources/{id}", {
      params: { path: { id: "res_a1" } },
    });
    expect(data.name).toBe("web");
    expect(server.seen.map((r) => r.method)).toEqual(["GET", "GET", "GET"]);
  });

  it("stops after maxRetries and throws the last answer's problem", async () => {
    server.script(unavailable);
    const error = (await client()
      .GET("/v1/regions")
      .catch((e: unknown) => e)) as CloudApiError;
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({
      status: 503,
      code: "internal_error",
      detail: "try later",
      requestId: "req_scripted0000000000",
    });
    expect(server.seen).toHaveLength(3);
  });

  it("does not retry a PATCH or a DELETE", async () => {
    server.script(unavailable, { status: 204 });
    await expect(
      client().DELETE("/v1/resources/{id}", { params: { path: { id: "res_a1" } } }),
    ).rejects.toMatchObject({ status: 503 });
    expect(server.seen).toHaveLength(1);
  });

  it("does not wait for a Retry-After beyond maxRetryAfterMs", async () => {
    server.script({ ...rateLimited, headers: { ...rateLimited.headers, "retry-after": "3600" } });
    await expect(client().GET("/v1/regions")).rejects.toMatchObject({ status: 429 });
    expect(server.seen).toHaveLength(1);
  });

  it("reports a refused connection as CloudApiError status 0", async () => {
    const closed = new ScriptedServer();
    await closed.start();
    const url = closed.url;
    await closed.close();
    const error = (await createClient({ baseUrl: url, retry: { maxRetries: 0 } })
      .GET("/v1/regions")
      .catch((e: unknown) => e)) as CloudApiError;
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error.status).toBe(0);
    expect(error.code).toBe("connection_failed");
    expect(error.detail).toContain("ECONNREFUSED");
  });
});
