import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { mountTestOnlyRoutes } from "@/lib/testing/test-only-routes";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  request_id: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

/** Every error answer has the same shape; this checks it and returns the body. */
async function expectProblem(res: Response, status: number, code: ErrorCode): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ status, code, title: ERROR_CODES[code].title });
  expect(body.type).toMatch(new RegExp(`/docs/errors#${code}$`));
  expect(body.detail.length).toBeGreaterThan(0);
  expect(body.request_id).toBe(res.headers.get("x-request-id"));
  return body;
}

/**
 * Every status and error code CONTRACT.md names, provoked over the API (in-process HTTP).
 */
describe.each(storeTargets())("every documented status code on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: string;
  let readOnly: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { PROVISION_DELAY_MS: "0" } });
    mountTestOnlyRoutes(runtime, 150);
    org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
    readOnly = (await createTestKey(runtime, org, { scopes: ["keys:read"] })).secret;
  });
  afterAll(() => runtime.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    apiRequest(runtime, "POST", path, { key, body, headers });

  it("400 bad_request: malformed JSON, a bad query parameter (named), a bad header", async () => {
    await expectProblem(await post("/v1/api-keys", '{"name": '), 400, "bad_request");
    const query = await apiRequest(runtime, "GET", "/v1/api-keys?limit=0", { key });
    const body = await expectProblem(query, 400, "bad_request");
    expect(body.detail).toContain("limit");
    const header = await post("/v1/api-keys", { name: "x" }, { "Idempotency-Key": "" });
    expect((await expectProblem(header, 400, "bad_request")).detail).toContain("Idempotency-Key");
  });

  it("401 unauthorized with WWW-Authenticate: Bearer", async () => {
    for (const authorization of [undefined, "Bearer sk_live_nope", "Basic dXNlcjpwYXNz"]) {
      const res = await apiRequest(runtime, "GET", "/v1/api-keys", {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      await expectProblem(res, 401, "unauthorized");
    }
  });

  it("403 forbidden for a key without the scope", async () => {
    const res = await apiRequest(runtime, "POST", "/v1/api-keys", {
      key: readOnly,
      body: { name: "nope" },
    });
    expect((await expectProblem(res, 403, "forbidden")).detail).toContain("keys:write");
  });

  it("403 https_required when HTTPS is required and the request came over plain HTTP", async () => {
    const strict = await createTestRuntime(target, { env: { REQUIRE_HTTPS: "1" } });
    try {
      const res = await apiRequest(strict, "GET", "/v1/regions");
      await expectProblem(res, 403, "https_required");
    } finally {
      await strict.close();
    }
  });

  it("404 not_found for a missing object, an unknown path and another version", async () => {
    const missing = await apiRequest(runtime, "GET", "/v1/api-keys/key_doesnotexist000", { key });
    await expectProblem(missing, 404, "not_found");
    await expectProblem(await apiRequest(runtime, "GET", "/v1/nothing-here"), 404, "not_found");
    const v2 = await apiRequest(runtime, "GET", "/v2/resources", { key });
    expect((await expectProblem(v2, 404, "not_found")).detail).toContain("v1");
  });

  it("405 method_not_allowed with Allow", async () => {
    const res = await apiRequest(runtime, "PUT", "/v1/api-keys", { key, body: {} });
    expect(res.headers.get("allow")).toMatch(/GET/);
    expect(res.headers.get("allow")).toMatch(/POST/);
    await expectProblem(res, 405, "method_not_allowed");
  });

  it("409 conflict when the object's state forbids the action", async () => {
    const victim = await createTestKey(runtime, org, { name: "revoked then rotated" });
    expect((await post(`/v1/api-keys/${victim.id}/revoke`, {})).status).toBe(200);
    const res = await post(`/v1/api-keys/${victim.id}/rotate`, { expires_in: "now" });
    expect((await expectProblem(res, 409, "conflict")).detail).toContain("revoked");
  });

  it("409 conflict naming the user when deleting a resource something uses", async () => {
    const make = async (path: string, body: unknown) => {
      const res = await post(path, body);
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const instance = await make("/v1/instances", { name: "web", region: "eu-west-1" });
    const volume = await make("/v1/volumes", { name: "data", region: "eu-west-1" });
    await runtime.jobs.drain(); // PROVISION_DELAY_MS=0: both become active now
    const attach = await post(`/v1/volumes/${volume}/actions`, {
      type: "attach",
      instance_id: instance,
    });
    expect(attach.status).toBeLessThan(300);
    const res = await apiRequest(runtime, "DELETE", `/v1/volumes/${volume}`, { key });
    expect((await expectProblem(res, 409, "conflict")).detail).toContain(instance);
    const still = await apiRequest(runtime, "GET", `/v1/volumes/${volume}`, { key });
    expect(still.status).toBe(200);
  });

  it("409 idempotency_key_in_use while the first request with the key still runs", async () => {
    const headers = { "Idempotency-Key": `in-use-${target}-${Date.now()}` };
    const first = post("/v1/test/widgets", { name: "slow" }, headers);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const second = await post("/v1/test/widgets", { name: "slow" }, headers);
    await expectProblem(second, 409, "idempotency_key_in_use");
    expect((await first).status).toBe(201);
  });

  it("413 payload_too_large over 1 MiB, by header and by actual size", async () => {
    const big = JSON.stringify({ name: "x".repeat(1024 * 1024) });
    await expectProblem(await post("/v1/api-keys", big), 413, "payload_too_large");
    const declared = await post("/v1/api-keys", "{}", {
      "Content-Length": String(2 * 1024 * 1024),
    });
    await expectProblem(declared, 413, "payload_too_large");
  });

  it("415 unsupported_media_type for a body that is not JSON", async () => {
    const res = await post("/v1/api-keys", "name=x", {
      "Content-Type": "application/x-www-form-urlencoded",
    });
    await expectProblem(res, 415, "unsupported_media_type");
  });

  it("422 validation_failed with errors[] naming each field", async () => {
    const body = await expectProblem(
      await post("/v1/api-keys", { scopes: ["not-a-scope"] }),
      422,
      "validation_failed",
    );
    const fields = body.errors?.map((e) => e.field) ?? [];
    expect(fields).toContain("name");
    expect(body.errors?.find((e) => e.field === "name")?.code).toBe("required");
    expect(fields.some((f) => f.startsWith("scopes"))).toBe(true);
  });

  it("422 idempotency_key_mismatch for a reused key with another body", async () => {
    const headers = { "Idempotency-Key": `mismatch-${target}-${Date.now()}` };
    expect((await post("/v1/api-keys", { name: "first" }, headers)).status).toBeLessThan(300);
    const res = await post("/v1/api-keys", { name: "second" }, headers);
    await expectProblem(res, 422, "idempotency_key_mismatch");
  });

  it("429 rate_limited with Retry-After and the rate-limit headers", async () => {
    const small = await createTestOrganization(runtime, "free");
    const smallKey = (await createTestKey(runtime, small)).secret;
    let last: Response | undefined;
    for (let i = 0; i < 101; i++) {
      last = await apiRequest(runtime, "GET", "/v1/regions", { key: smallKey });
      if (last.status === 429) break;
      await last.body?.cancel();
    }
    const res = last as Response;
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
    expect(res.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000 - 1);
    await expectProblem(res, 429, "rate_limited");
  });

  it("500 internal_error without a stack, SQL or the internal message", async () => {
    const res = await post("/v1/test/explode", {});
    const body = await expectProblem(res, 500, "internal_error");
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/secret_table|SELECT|Error:|\bat .+:\d+|stack/);
    expect(Object.keys(body).sort()).toEqual(
      ["code", "detail", "request_id", "status", "title", "type"].sort(),
    );
  });
});
