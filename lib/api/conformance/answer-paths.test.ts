import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import type { ApiBindings } from "@/lib/http/api-bindings";
import { FAILED_AUTH_LIMIT } from "@/lib/ratelimit/limits";
import {
  type Answer,
  exampleBody,
  examplePath,
  loadDocument,
  operationsOf,
  readAnswer,
} from "@/lib/testing/conformance-harness";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberToken,
} from "@/lib/testing/fixtures";
import { mountTestOnlyRoutes } from "@/lib/testing/test-only-routes";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

/**
 * Every way the API can answer, held to CONTRACT.md's rules for headers and bodies: each route of
 * the OpenAPI document, and each middleware that can answer before a route (route guard, body
 * limits, HTTPS, authentication, rate limit, idempotency) and the not-found and error handlers.
 */

const RATE_LIMIT_HEADERS = [
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
  "ratelimit-policy",
  "ratelimit",
];

interface Expected {
  status: number;
  code?: ErrorCode;
  /** A credential was accepted: the answer carries the rate-limit headers. */
  authenticated: boolean;
}

/** What breaks a rule in this answer (empty when it keeps them all). */
function ruleBreaks(answer: Answer, expected: Expected): string[] {
  const broken: string[] = [];
  const header = (name: string) => answer.headers.get(name);
  const need = (ok: boolean, rule: string) => {
    if (!ok) broken.push(rule);
  };
  need(answer.status === expected.status, `status ${answer.status}, expected ${expected.status}`);
  need(/^req_[A-Za-z0-9_-]{6,64}$/.test(header("x-request-id") ?? ""), "X-Request-Id: req_...");
  // An event stream says no-cache, no-transform: proxies must neither store nor re-encode it.
  const stream = header("content-type")?.startsWith("text/event-stream") === true;
  need(
    header("cache-control") === (stream ? "no-cache, no-transform" : "no-store"),
    `Cache-Control: no-store (${header("cache-control")})`,
  );
  need(header("x-content-type-options") === "nosniff", "X-Content-Type-Options: nosniff");
  if (answer.status >= 400) {
    need(header("content-type") === "application/problem+json", "problem+json content type");
    const body = answer.body as Record<string, unknown>;
    const code = body.code as ErrorCode;
    need(body.status === answer.status, `body status ${body.status} == HTTP ${answer.status}`);
    need(ERROR_CODES[code]?.status === answer.status, `code ${code} belongs to the status`);
    if (expected.code) need(code === expected.code, `code ${code}, expected ${expected.code}`);
    need(body.title === ERROR_CODES[code]?.title, "title of the code");
    need(String(body.type).endsWith(`/docs/errors#${code}`), "type links the code's docs");
    need(typeof body.detail === "string" && body.detail.length > 0, "a detail");
    need(body.request_id === header("x-request-id"), "request_id == X-Request-Id");
    need(!/\bat .+:\d+|SELECT|secret_table/i.test(answer.text), "no stack trace or SQL");
  }
  if (answer.status === 204) need(answer.text === "", "204 has no body");
  if (answer.status === 401)
    need(/^Bearer/.test(header("www-authenticate") ?? ""), "WWW-Authenticate: Bearer on 401");
  if (answer.status === 405) need((header("allow") ?? "").length > 0, "Allow on 405");
  if (expected.authenticated || answer.status === 429) {
    for (const name of RATE_LIMIT_HEADERS)
      need(header(name) !== null, `${name} on an authenticated answer`);
  }
  if (answer.status === 429) {
    const retryAfter = Number(header("retry-after"));
    const resetIn = Number(/;t=(\d+)/.exec(header("ratelimit") ?? "")?.[1]);
    need(Number.isInteger(retryAfter) && retryAfter >= 1, "Retry-After in seconds on 429");
    need(!(retryAfter < resetIn), "Retry-After never earlier than the reset");
  }
  return broken;
}

describe.each(storeTargets())("every answer path keeps the contract, on %s", (target) => {
  let runtime: TestRuntime;
  let httpsRuntime: TestRuntime;
  let live: string;
  let sandbox: string;
  let revoked: string;
  let portal: string;
  let freeKey: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { PROVISION_DELAY_MS: "0" } });
    mountTestOnlyRoutes(runtime, 150);
    httpsRuntime = await createTestRuntime(target, { env: { REQUIRE_HTTPS: "1" } });
    const org = await createTestOrganization(runtime, "pro");
    live = (await createTestKey(runtime, org)).secret;
    sandbox = (await createTestKey(runtime, org, { environment: "test" })).secret;
    const doomed = await createTestKey(runtime, org);
    revoked = doomed.secret;
    portal = await memberToken(runtime, org, "owner");
    await apiRequest(runtime, "POST", `/v1/api-keys/${doomed.id}/revoke`, { key: live });
    freeKey = (await createTestKey(runtime, await createTestOrganization(runtime, "free"))).secret;
  });
  afterAll(async () => {
    await runtime.close();
    await httpsRuntime.close();
  });

  const send = async (
    method: string,
    path: string,
    options: { key?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) => readAnswer(await apiRequest(runtime, method, path, options));

  it("every operation of the OpenAPI document, on /v1 and /sandbox/v1", async () => {
    const doc = await loadDocument(runtime);
    const broken: string[] = [];
    for (const op of operationsOf(doc)) {
      for (const [prefix, key] of [
        ["", live],
        ["/sandbox", sandbox],
      ] as const) {
        const path = `${prefix}${examplePath(doc, op)}`;
        const body = exampleBody(doc, op);
        const answer = await send(op.method.toUpperCase(), path, {
          ...(op.authenticated ? { key } : {}),
          ...(body === undefined ? {} : { body }),
        });
        // Whatever the example leads to (201, 404 for an id that exists nowhere, 422), the rules hold.
        const problems = ruleBreaks(answer, {
          status: answer.status,
          authenticated: op.authenticated,
        });
        for (const problem of problems) broken.push(`${op.method} ${path}: ${problem}`);
      }
    }
    expect(broken).toEqual([]);
  });

  const earlyAnswers: Array<{
    name: string;
    run: () => Promise<Answer>;
    expected: Expected;
  }> = [
    {
      name: "route guard: an unknown path under /v1",
      run: () => send("GET", "/v1/nope", { key: live }),
      expected: { status: 404, code: "not_found", authenticated: false },
    },
    {
      name: "route guard: a known path, another method (405 with Allow)",
      run: () => send("PUT", "/v1/regions", { key: live }),
      expected: { status: 405, code: "method_not_allowed", authenticated: false },
    },
    {
      name: "route guard: a known path with a trailing slash is no endpoint (not a 405 for GET)",
      run: async () => {
        const answer = await send("GET", "/v1/regions/", { key: live });
        expect((answer.body as { detail: string }).detail).toContain("/v1/regions");
        return answer;
      },
      expected: { status: 404, code: "not_found", authenticated: false },
    },
    {
      name: "route guard: HEAD where GET is allowed is answered",
      run: () => send("HEAD", "/v1/regions", { key: live }),
      expected: { status: 200, authenticated: true },
    },
    {
      name: "route guard: OPTIONS is a method like any other (405 with Allow)",
      run: () => send("OPTIONS", "/v1/regions", { key: live }),
      expected: { status: 405, code: "method_not_allowed", authenticated: false },
    },
    {
      name: "route guard: a path that is not UTF-8",
      run: () => send("GET", "/v1/resources/%FF", { key: live }),
      expected: { status: 400, code: "bad_request", authenticated: false },
    },
    {
      name: "not-found handler: an unsupported version",
      run: () => send("GET", "/v2/resources", { key: live }),
      expected: { status: 404, code: "not_found", authenticated: false },
    },
    {
      name: "HTTPS required: a plain-HTTP request",
      run: async () =>
        readAnswer(await apiRequest(httpsRuntime, "GET", "/v1/regions", { key: live })),
      expected: { status: 403, code: "https_required", authenticated: false },
    },
    {
      name: "body limit: a declared body over 1 MiB",
      run: () =>
        send("POST", "/v1/api-keys", {
          key: live,
          body: "{}",
          headers: { "Content-Length": String(2 * 1024 * 1024) },
        }),
      expected: { status: 413, code: "payload_too_large", authenticated: false },
    },
    {
      name: "body limit: a body over 1 MiB",
      run: () =>
        send("POST", "/v1/api-keys", { key: live, body: { name: "x".repeat(1024 * 1024) } }),
      expected: { status: 413, code: "payload_too_large", authenticated: false },
    },
    {
      name: "content type: a body that is not JSON",
      run: () =>
        send("POST", "/v1/api-keys", {
          key: live,
          body: "name=x",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        }),
      expected: { status: 415, code: "unsupported_media_type", authenticated: false },
    },
    {
      name: "JSON body: malformed",
      run: () => send("POST", "/v1/api-keys", { key: live, body: '{"name": ' }),
      expected: { status: 400, code: "bad_request", authenticated: false },
    },
    {
      name: "JSON body: a NUL escape",
      run: () => send("POST", "/v1/api-keys", { key: live, body: '{"name":"a\\u0000"}' }),
      expected: { status: 400, code: "bad_request", authenticated: false },
    },
    {
      name: "JSON body: a lone surrogate",
      run: () => send("POST", "/v1/api-keys", { key: live, body: '{"name":"a\\ud800"}' }),
      expected: { status: 422, code: "validation_failed", authenticated: false },
    },
    {
      name: "authentication: no credential",
      run: () => send("GET", "/v1/api-keys"),
      expected: { status: 401, code: "unauthorized", authenticated: false },
    },
    {
      name: "authentication: not a Bearer credential",
      run: () => send("GET", "/v1/api-keys", { headers: { Authorization: "Basic dXNlcjpwYXNz" } }),
      expected: { status: 401, code: "unauthorized", authenticated: false },
    },
    {
      name: "authentication: an unknown key",
      run: () => send("GET", "/v1/api-keys", { key: "sk_live_nope" }),
      expected: { status: 401, code: "unauthorized", authenticated: false },
    },
    {
      name: "authentication: a revoked key",
      run: () => send("GET", "/v1/api-keys", { key: revoked }),
      expected: { status: 401, code: "unauthorized", authenticated: false },
    },
    {
      name: "authentication: a live key on the sandbox",
      run: () => send("GET", "/sandbox/v1/api-keys", { key: live }),
      expected: { status: 401, code: "unauthorized", authenticated: false },
    },
    {
      name: "authentication: a forged portal token",
      run: () => send("GET", "/v1/api-keys", { key: "eyJhbGciOiJIUzI1NiJ9.e30.forged" }),
      expected: { status: 401, code: "unauthorized", authenticated: false },
    },
    {
      name: "authentication: the portal's token is a principal",
      run: () => send("GET", "/v1/api-keys", { key: portal }),
      expected: { status: 200, authenticated: true },
    },
    {
      name: "scope check: a key without the scope",
      run: async () => {
        const org = await createTestOrganization(runtime, "pro");
        const narrow = (await createTestKey(runtime, org, { scopes: ["keys:read"] })).secret;
        return send("POST", "/v1/api-keys", { key: narrow, body: { name: "n" } });
      },
      expected: { status: 403, code: "forbidden", authenticated: true },
    },
    {
      name: "validation: a body that fails its schema",
      run: () => send("POST", "/v1/api-keys", { key: live, body: { name: 7 } }),
      expected: { status: 422, code: "validation_failed", authenticated: true },
    },
    {
      name: "validation: a bad query parameter",
      run: () => send("GET", "/v1/api-keys?limit=0", { key: live }),
      expected: { status: 400, code: "bad_request", authenticated: true },
    },
    {
      name: "idempotency: a malformed Idempotency-Key",
      run: () =>
        send("POST", "/v1/test/widgets", {
          key: live,
          body: { name: "w" },
          headers: { "Idempotency-Key": "" },
        }),
      expected: { status: 400, code: "bad_request", authenticated: true },
    },
    {
      name: "idempotency: a replay",
      run: async () => {
        const request = { key: live, body: { name: "w" }, headers: { "Idempotency-Key": "k-1" } };
        await send("POST", "/v1/test/widgets", request);
        const replay = await send("POST", "/v1/test/widgets", request);
        expect(replay.headers.get("idempotent-replayed")).toBe("true");
        return replay;
      },
      expected: { status: 201, authenticated: true },
    },
    {
      name: "idempotency: the same key for another request",
      run: async () => {
        const headers = { "Idempotency-Key": "k-2" };
        await send("POST", "/v1/test/widgets", { key: live, body: { name: "a" }, headers });
        return send("POST", "/v1/test/widgets", { key: live, body: { name: "b" }, headers });
      },
      expected: { status: 422, code: "idempotency_key_mismatch", authenticated: true },
    },
    {
      name: "idempotency: the same key while the first still runs",
      run: async () => {
        const request = { key: live, body: { name: "w" }, headers: { "Idempotency-Key": "k-3" } };
        const first = send("POST", "/v1/test/widgets", request);
        await new Promise((resolve) => setTimeout(resolve, 40));
        const second = await send("POST", "/v1/test/widgets", request);
        await first;
        return second;
      },
      expected: { status: 409, code: "idempotency_key_in_use", authenticated: true },
    },
    {
      name: "error handler: an unexpected error",
      run: () => send("POST", "/v1/test/explode", { key: live, body: {} }),
      expected: { status: 500, code: "internal_error", authenticated: true },
    },
    {
      name: "route: a 204",
      run: () => send("POST", "/v1/test/empty", { key: live, body: {} }),
      expected: { status: 204, authenticated: true },
    },
    {
      name: "rate limit: over the plan's limit",
      run: async () => {
        for (let i = 0; i < 100; i++) await send("GET", "/v1/regions", { key: freeKey });
        return send("GET", "/v1/regions", { key: freeKey });
      },
      expected: { status: 429, code: "rate_limited", authenticated: true },
    },
    {
      name: "rate limit: failed authentication from one address",
      run: async () => {
        const bindings: ApiBindings = {
          incoming: { headers: {}, socket: { remoteAddress: "203.0.113.7" } },
        };
        const guess = async () =>
          readAnswer(
            await runtime.api.request(
              "http://localhost/v1/api-keys",
              { headers: { Authorization: "Bearer sk_live_guess" } },
              bindings,
            ),
          );
        for (let i = 0; i < FAILED_AUTH_LIMIT; i++) await guess();
        return guess();
      },
      expected: { status: 429, code: "rate_limited", authenticated: false },
    },
  ];

  it.each(earlyAnswers)("$name", async ({ run, expected }) => {
    expect(ruleBreaks(await run(), expected)).toEqual([]);
  });
});
