import { request as httpRequest } from "node:http";
import { type APIRequestContext, expect, test } from "@playwright/test";
import { baseURL } from "../../playwright.config";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** HTTP exactly as written: no URL normalisation, so `..` and `%2e` reach the server as sent. */
function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  const url = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: init.method ?? "GET",
        headers: { host: url.host, ...init.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    if (init.body) req.write(init.body);
    req.end();
  });
}

async function sessionCookie(request: APIRequestContext): Promise<string> {
  await signInViaApi(request, DEMO_ACCOUNT);
  const { cookies } = await request.storageState();
  return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

const json = { "content-type": "application/json" };

function expectProblem(answer: RawAnswer, status: number, code: string) {
  expect(answer.status, answer.body).toBe(status);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expect(JSON.parse(answer.body)).toMatchObject({ status, code });
}

test.describe("the portal proxy refuses hostile requests over real HTTP", () => {
  let cookie: string;
  test.beforeAll(async ({ playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    cookie = await sessionCookie(request);
    await request.dispose();
  });

  test("signed out: 401 problem+json, nothing forwarded", async () => {
    expectProblem(await raw("/api/proxy/v1/resources"), 401, "unauthorized");
    expectProblem(
      await raw("/api/proxy/v1/resources", {
        method: "POST",
        headers: { ...json, origin: baseURL },
        body: '{"name":"x"}',
      }),
      401,
      "unauthorized",
    );
  });

  test("signed in: the API's answer comes back with its rate-limit headers", async () => {
    const answer = await raw("/api/proxy/v1/resources?per_page=1", { headers: { cookie } });
    expect(answer.status).toBe(200);
    expect(answer.headers["x-ratelimit-limit"]).toMatch(/^\d+$/);
    expect(answer.headers["x-ratelimit-remaining"]).toMatch(/^\d+$/);
    expect(answer.headers["ratelimit-policy"]).toBeDefined();
    expect(answer.headers["set-cookie"]).toBeUndefined();
    // The in-process API hop counts as HTTPS; a plain-HTTP portal must not pass its HSTS on.
    expect(answer.headers["strict-transport-security"]).toBeUndefined();
    const invalid = await raw("/api/proxy/v1/resources", {
      method: "POST",
      headers: { cookie, origin: baseURL, ...json },
      body: JSON.stringify({ name: "", region: "mars-1" }),
    });
    expectProblem(invalid, 422, "validation_failed");
    expect(JSON.parse(invalid.body).errors.length).toBeGreaterThan(0);
  });

  test("cross-origin, Origin: null and unverifiable unsafe requests: 403", async () => {
    const before = JSON.parse(
      (await raw("/api/proxy/v1/resources?per_page=1", { headers: { cookie } })).body,
    ).meta.total as number;
    const body = JSON.stringify({ name: "csrf", type: "bucket" });
    const hostile: Array<Record<string, string>> = [
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: baseURL.replace("localhost", "127.0.0.1") },
      // The same host on another scheme or port is another origin.
      { origin: baseURL.replace("http:", "https:") },
      { origin: baseURL.replace(/:(\d+)$/, (_m, p: string) => `:${Number(p) + 1}`) },
      { referer: `${baseURL.replace("http:", "https:")}/dashboard` },
      { "sec-fetch-site": "cross-site" },
      { referer: "https://evil.example/page" },
      {},
    ];
    for (const headers of hostile) {
      for (const method of ["POST", "PATCH", "DELETE"]) {
        const path =
          method === "POST" ? "/api/proxy/v1/resources" : "/api/proxy/v1/resources/res_x";
        expectProblem(
          await raw(path, {
            method,
            headers: { cookie, ...json, ...headers },
            body: method === "DELETE" ? undefined : body,
          }),
          403,
          "forbidden",
        );
      }
    }
    const after = JSON.parse(
      (await raw("/api/proxy/v1/resources?per_page=1", { headers: { cookie } })).body,
    ).meta.total as number;
    expect(after).toBe(before);
    // The same request from the portal's own origin works.
    const own = await raw("/api/proxy/v1/resources", {
      method: "POST",
      headers: { cookie, ...json, origin: baseURL },
      body,
    });
    expect(own.status).toBe(201);
  });

  test("a browser-sent Authorization header is refused, even with a session", async ({
    page,
    context,
  }) => {
    expectProblem(
      await raw("/api/proxy/v1/resources", {
        headers: { cookie, authorization: "Bearer sk_live_0000000000000000000000000000" },
      }),
      400,
      "bad_request",
    );
    await signInViaApi(context, DEMO_ACCOUNT);
    await page.goto("/dashboard");
    const status = await page.evaluate(async () => {
      const res = await fetch("/api/proxy/v1/resources", {
        headers: { authorization: "Bearer anything" },
      });
      return res.status;
    });
    expect(status).toBe(400);
  });

  test("path traversal, raw and encoded, never reaches anything but /v1", async () => {
    const paths = [
      "/api/proxy/v1/../../api/auth/session",
      "/api/proxy/v1/%2e%2e/%2e%2e/api/auth/session",
      "/api/proxy/v1/%2E%2E/%2E%2E/api/auth/session",
      "/api/proxy/v1/..%2f..%2fapi%2fauth%2fsession",
      "/api/proxy/v1/..%5c..%5capi%5cauth%5csession",
      "/api/proxy/v1/resources/%252e%252e/%252e%252e/api/auth/session",
      "/api/proxy/v1/..\\..\\api\\auth\\session",
      "/api/proxy/v2/resources",
      "/api/proxy/sandbox/v1/resources",
      "/api/proxy/api/auth/session",
    ];
    let refusedByProxy = 0;
    for (const path of paths) {
      const answer = await raw(path, { headers: { cookie } });
      expect(answer.status, `${path}: ${answer.body.slice(0, 200)}`).toBeGreaterThanOrEqual(300);
      expect(answer.body).not.toContain(DEMO_ACCOUNT.email);
      expect(answer.body).not.toContain('"data":[');
      // What reaches the proxy at all is a 400 problem naming the rule.
      if (answer.headers["content-type"] === "application/problem+json") {
        expect(answer.status).toBe(400);
        refusedByProxy++;
      }
    }
    // The others were normalised (or redirected) by the server before any route saw them.
    expect(refusedByProxy).toBeGreaterThanOrEqual(5);
  });

  test("X-Cap-Environment picks Sandbox, anything else is a 400; bodies over 1 MiB are 413", async () => {
    const name = `sandbox-proxy-${Date.now()}`;
    const created = await raw("/api/proxy/v1/resources", {
      method: "POST",
      headers: { cookie, ...json, origin: baseURL, "x-cap-environment": "test" },
      body: JSON.stringify({ name, type: "network" }),
    });
    expect(created.status).toBe(201);
    const q = `/api/proxy/v1/resources?q=${name}`;
    const inTest = await raw(q, { headers: { cookie, "x-cap-environment": "test" } });
    expect(JSON.parse(inTest.body).meta.total).toBe(1);
    const inLive = await raw(q, { headers: { cookie, "x-cap-environment": "live" } });
    expect(JSON.parse(inLive.body).meta.total).toBe(0);
    expectProblem(
      await raw(q, { headers: { cookie, "x-cap-environment": "staging" } }),
      400,
      "bad_request",
    );
    expectProblem(
      await raw("/api/proxy/v1/resources", {
        method: "POST",
        headers: { cookie, ...json, origin: baseURL },
        body: JSON.stringify({ name: "x".repeat(1024 * 1024 + 1) }),
      }),
      413,
      "payload_too_large",
    );
  });
});
