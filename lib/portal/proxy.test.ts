import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPortalToken } from "@/lib/auth/portal-token";
import type { Role } from "@/lib/db/schema";
import { openStreamCount } from "@/lib/events/stream/event-stream";
import type { ApiBindings } from "@/lib/http/api-bindings";
import type { EventDto } from "@/lib/schemas/events";
import {
  createTestOrganization,
  memberWithRole,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { FrameReader } from "@/lib/testing/sse-frames";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { type ProxyDeps, type ProxyMember, proxyToApi } from "./proxy";

const ORIGIN = "http://portal.test";

interface Problem {
  status: number;
  code: string;
  detail: string;
  request_id: string;
}

describe.each(storeTargets())("portal proxy on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let member: ProxyMember | null;
  let seen: Array<{ request: Request; bindings: ApiBindings }>;

  const deps = (overrides: Partial<ProxyDeps> = {}): ProxyDeps => ({
    member: async () => member,
    sessionSecret: runtime.sessionSecret,
    apiFetch: (request, bindings) => {
      seen.push({ request: request.clone(), bindings });
      return runtime.api.fetch(request, bindings);
    },
    now: runtime.now,
    publicOrigins: [],
    docsOrigin: "https://docs.example",
    ...overrides,
  });

  const send = (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
    overrides: Partial<ProxyDeps> = {},
  ) => {
    const method = init.method ?? "GET";
    const headers: Record<string, string> = { host: "portal.test", ...init.headers };
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      headers["content-type"] ??= "application/json";
    }
    if (method !== "GET" && method !== "HEAD") headers.origin ??= ORIGIN;
    return proxyToApi(new Request(`${ORIGIN}${path}`, { method, headers, body }), deps(overrides));
  };

  // A member who really holds the role: the API reads the role from the membership.
  const asMember = async (role: Role = "owner", environment: "live" | "test" = "live") => {
    member = {
      userId: await memberWithRole(runtime, org, role),
      organizationId: org.organizationId,
      projectId: org.projectId,
      environment,
      role,
    };
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime, "free");
  });
  afterAll(() => runtime.close());

  describe("forwarding", () => {
    beforeAll(() => asMember());

    it("lists through the API and keeps its status, body and rate-limit headers", async () => {
      seen = [];
      const res = await send("/api/proxy/v1/resources?per_page=5");
      expect(res.status).toBe(200);
      const body = (await res.json()) as { data: unknown[]; meta: { per_page: number } };
      expect(body.meta.per_page).toBe(5);
      expect(res.headers.get("x-ratelimit-limit")).toMatch(/^\d+$/);
      expect(res.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
      expect(res.headers.get("ratelimit-policy")).toContain("minute");
      expect(res.headers.get("x-request-id")).toMatch(/^req_/);
      expect(seen[0]?.request.url).toBe(`${ORIGIN}/v1/resources?per_page=5`);
      // The in-process hop counts as secure, so the API sent HSTS; the portal decides its own.
      expect(res.headers.get("strict-transport-security")).toBeNull();
    });

    it("creates with a same-origin POST and passes the API's 201", async () => {
      const res = await send("/api/proxy/v1/resources", {
        method: "POST",
        body: { name: "via proxy", type: "bucket" },
        headers: { "idempotency-key": "proxy-test-1" },
      });
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ name: "via proxy", status: "provisioning" });
    });

    it("passes the API's problem+json unchanged (422 with errors, 404, 403)", async () => {
      const invalid = await send("/api/proxy/v1/resources", {
        method: "POST",
        body: { name: "", region: "mars-1" },
      });
      expect(invalid.status).toBe(422);
      expect(invalid.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await invalid.json()) as Problem & { errors: unknown[] };
      expect(problem).toMatchObject({ status: 422, code: "validation_failed" });
      expect(problem.errors.length).toBeGreaterThan(0);
      expect(invalid.headers.get("x-ratelimit-limit")).not.toBeNull();

      const missing = await send("/api/proxy/v1/resources/res_doesnotexist");
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as Problem).code).toBe("not_found");

      await asMember("viewer");
      const denied = await send("/api/proxy/v1/resources", {
        method: "POST",
        body: { name: "nope" },
      });
      expect(denied.status).toBe(403);
      expect(((await denied.json()) as Problem).code).toBe("forbidden");
      await asMember();
    });

    it("mints a short-lived portal token for the member and forwards only safe headers", async () => {
      seen = [];
      await send("/api/proxy/v1/regions", {
        headers: {
          cookie: "next-auth.session-token=abc",
          accept: "application/json",
          "x-request-id": "req_fromthebrowser1",
          "x-forwarded-for": "6.6.6.6",
          "x-cap-client-ip": "203.0.113.9",
        },
      });
      const forwarded = seen[0];
      expect(forwarded).toBeDefined();
      const headers = forwarded?.request.headers as Headers;
      expect(headers.get("cookie")).toBeNull();
      expect(headers.get("x-forwarded-for")).toBeNull();
      expect(headers.get("x-request-id")).toBe("req_fromthebrowser1");
      const token = (headers.get("authorization") ?? "").replace(/^Bearer /, "");
      expect(await verifyPortalToken(token, runtime.sessionSecret)).toEqual({
        userId: org.userId,
        organizationId: org.organizationId,
        projectId: org.projectId,
        environment: "live",
        role: "owner",
      });
      expect(forwarded?.bindings.incoming?.socket.remoteAddress).toBe("203.0.113.9");
    });

    it("acts in Sandbox when asked with X-Cap-Environment: test, and refuses other values", async () => {
      const created = await send("/api/proxy/v1/resources", {
        method: "POST",
        body: { name: "sandbox-only", type: "network" },
        headers: { "x-cap-environment": "test" },
      });
      expect(created.status).toBe(201);
      const inTest = await send("/api/proxy/v1/resources?q=sandbox-only", {
        headers: { "x-cap-environment": "test" },
      });
      expect(((await inTest.json()) as { meta: { total: number } }).meta.total).toBe(1);
      const inLive = await send("/api/proxy/v1/resources?q=sandbox-only");
      expect(((await inLive.json()) as { meta: { total: number } }).meta.total).toBe(0);

      const bad = await send("/api/proxy/v1/resources", {
        headers: { "x-cap-environment": "prod" },
      });
      expect(bad.status).toBe(400);
    });

    it("follows the member's Sandbox context when no header is sent", async () => {
      await asMember("owner", "test");
      const res = await send("/api/proxy/v1/resources?q=sandbox-only");
      expect(((await res.json()) as { meta: { total: number } }).meta.total).toBe(1);
      await asMember();
    });
  });

  describe("refusals", () => {
    beforeAll(() => asMember());

    const expectProblem = async (res: Response, status: number, code: string) => {
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = (await res.json()) as Problem;
      expect(body).toMatchObject({ status, code });
      expect(body.request_id).toMatch(/^req_/);
    };

    it("refuses a signed-out caller with 401", async () => {
      seen = [];
      const saved = member;
      member = null;
      await expectProblem(await send("/api/proxy/v1/resources"), 401, "unauthorized");
      member = saved;
      expect(seen).toHaveLength(0);
    });

    it("refuses a browser-sent Authorization header", async () => {
      await expectProblem(
        await send("/api/proxy/v1/resources", { headers: { authorization: "Bearer sk_live_x" } }),
        400,
        "bad_request",
      );
    });

    it.each([
      ["a cross-origin POST", { origin: "https://evil.example" }],
      ["Origin: null", { origin: "null" }],
      ["a cross-site fetch without Origin", { origin: "", "sec-fetch-site": "cross-site" }],
    ])("refuses %s with 403 and forwards nothing", async (_name, headers) => {
      seen = [];
      const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== ""));
      const request = new Request(`${ORIGIN}/api/proxy/v1/resources`, {
        method: "POST",
        headers: { host: "portal.test", "content-type": "application/json", ...clean },
        body: JSON.stringify({ name: "csrf" }),
      });
      await expectProblem(await proxyToApi(request, deps()), 403, "forbidden");
      expect(seen).toHaveLength(0);
    });

    it("accepts the published origin (NEXTAUTH_URL's) behind a proxy", async () => {
      const request = new Request("http://127.0.0.1:3000/api/proxy/v1/resources", {
        method: "POST",
        headers: {
          host: "127.0.0.1:3000",
          origin: "https://portal.example.com",
          "content-type": "application/json",
        },
        body: JSON.stringify({ name: "published", type: "bucket" }),
      });
      const res = await proxyToApi(
        request,
        deps({ publicOrigins: ["https://portal.example.com"] }),
      );
      expect(res.status).toBe(201);
    });

    it("compares scheme and port too: https://host is not the origin of a plain-http portal", async () => {
      const post = (origin: string, proto: string) =>
        proxyToApi(
          new Request("http://127.0.0.1:3000/api/proxy/v1/resources", {
            method: "POST",
            headers: {
              host: "127.0.0.1:3000",
              origin,
              "x-cap-client-proto": proto,
              "content-type": "application/json",
            },
            body: JSON.stringify({ name: "scheme-check", type: "bucket" }),
          }),
          deps(),
        );
      seen = [];
      await expectProblem(await post("https://127.0.0.1:3000", "http"), 403, "forbidden");
      await expectProblem(await post("http://127.0.0.1:3001", "http"), 403, "forbidden");
      expect(seen).toHaveLength(0);
      expect((await post("http://127.0.0.1:3000", "http")).status).toBe(201);
      // Behind a TLS-terminating proxy server.ts marks the request https.
      expect((await post("https://127.0.0.1:3000", "https")).status).toBe(201);
    });

    it("links problems to the configured docs, whatever Host the request names", async () => {
      const res = await proxyToApi(
        new Request("http://evil.example/api/proxy/v2/x", { headers: { host: "evil.example" } }),
        deps(),
      );
      expect(((await res.json()) as { type: string }).type).toBe(
        "https://docs.example/docs/errors#bad_request",
      );
    });

    it.each([
      "/api/proxy/v1/%2e%2e/%2e%2e/api/auth/session",
      "/api/proxy/v1/..%2f..%2fapi",
      "/api/proxy/v1/resources%5c..",
      "/api/proxy/v2/resources",
      "/api/proxy/healthz",
    ])("refuses the path %s with 400", async (path) => {
      seen = [];
      await expectProblem(await send(path), 400, "bad_request");
      expect(seen).toHaveLength(0);
    });

    it("refuses a body over 1 MiB with 413 before forwarding", async () => {
      seen = [];
      const res = await send("/api/proxy/v1/resources", {
        method: "POST",
        body: JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) }),
      });
      await expectProblem(res, 413, "payload_too_large");
      expect(seen).toHaveLength(0);
    });
  });

  describe("CLOUD_API_URL", () => {
    beforeAll(() => asMember());

    it("forwards over HTTP with redirect: manual and the client's address", async () => {
      const calls: Array<{ url: string; init: RequestInit }> = [];
      const fakeFetch = (async (url: URL | RequestInfo, init?: RequestInit) => {
        calls.push({ url: String(url), init: init ?? {} });
        return new Response('{"data":[]}', {
          status: 200,
          headers: {
            "content-type": "application/json",
            "set-cookie": "x=y",
            "x-ratelimit-limit": "100",
          },
        });
      }) as typeof fetch;
      const res = await send(
        "/api/proxy/v1/regions?x=1",
        { headers: { "x-cap-client-ip": "198.51.100.7" } },
        { cloudApiUrl: "https://api.internal:8443", fetch: fakeFetch },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("set-cookie")).toBeNull();
      expect(res.headers.get("x-ratelimit-limit")).toBe("100");
      expect(calls[0]?.url).toBe("https://api.internal:8443/v1/regions?x=1");
      expect(calls[0]?.init.redirect).toBe("manual");
      const headers = calls[0]?.init.headers as Headers;
      expect(headers.get("x-forwarded-for")).toBe("198.51.100.7");
      expect(headers.get("authorization")).toMatch(/^Bearer ey/);
    });

    it("answers 503 when the API redirects, is unreachable or too slow", async () => {
      const redirecting = (async () =>
        new Response(null, {
          status: 302,
          headers: { location: "https://evil.example/" },
        })) as unknown as typeof fetch;
      const r1 = await send(
        "/api/proxy/v1/regions",
        {},
        { cloudApiUrl: "http://api", fetch: redirecting },
      );
      expect(r1.status).toBe(503);
      expect(r1.headers.get("location")).toBeNull();

      const down = (async () => {
        throw new TypeError("fetch failed");
      }) as unknown as typeof fetch;
      const r2 = await send(
        "/api/proxy/v1/regions",
        {},
        { cloudApiUrl: "http://api", fetch: down },
      );
      expect(r2.status).toBe(503);

      const hanging = (() => new Promise<Response>(() => {})) as unknown as typeof fetch;
      const r3 = await send(
        "/api/proxy/v1/regions",
        {},
        { cloudApiUrl: "http://api", fetch: hanging, timeoutMs: 50 },
      );
      expect(r3.status).toBe(503);
      expect(((await r3.json()) as Problem).detail).toMatch(/in time/);
    });
  });

  describe("the event stream", () => {
    beforeAll(() => asMember());

    const openStream = (
      query: string,
      headers: Record<string, string> = {},
      overrides: Partial<ProxyDeps> = {},
      signal?: AbortSignal,
    ) =>
      proxyToApi(
        new Request(`${ORIGIN}/api/proxy/v1/events/stream${query}`, {
          headers: { host: "portal.test", ...headers },
          signal,
        }),
        deps(overrides),
      );
    const createBucket = async (name: string) => {
      const res = await send("/api/proxy/v1/resources", {
        method: "POST",
        body: { name, type: "bucket" },
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string };
    };

    it("keeps streaming past the request timeout, with event-stream headers and no compression", async () => {
      // The timeout bounds the wait for the answer's headers (the API opens the stream within
      // it even on a loaded PostgreSQL); the event comes after it has long passed.
      const res = await openStream("?type=resource.created", {}, { timeoutMs: 1_000 });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
      expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
      expect(res.headers.get("x-accel-buffering")).toBe("no");
      expect(res.headers.get("content-encoding")).toBeNull();
      const reader = new FrameReader(res);
      expect(await reader.next()).toEqual({ retry: "3000" });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const created = await createBucket("streamed after the timeout");
      const [event] = await reader.events(1);
      expect(event?.object?.id).toBe(created.id);
      await reader.close();
    });

    it("forwards Last-Event-ID, so a reconnect replays exactly what it missed, in order", async () => {
      const made = [
        await createBucket("resume one"),
        await createBucket("resume two"),
        await createBucket("resume three"),
      ];
      const listed = await send(
        `/api/proxy/v1/events?type=resource.created&object_id=${made[0]?.id}`,
      );
      const [first] = ((await listed.json()) as { data: EventDto[] }).data;
      seen = [];
      const res = await openStream("?type=resource.created", { "last-event-id": first?.id ?? "" });
      expect(seen[0]?.request.headers.get("last-event-id")).toBe(first?.id);
      const reader = new FrameReader(res);
      const replayed = await reader.events(2);
      expect(replayed.map((e) => e.object?.id)).toEqual([made[1]?.id, made[2]?.id]);
      await reader.close();
    });

    it("ends the API's stream when the browser leaves", async () => {
      const before = openStreamCount();
      const browser = new AbortController();
      const res = await openStream("", {}, {}, browser.signal);
      expect(res.status).toBe(200);
      expect(openStreamCount()).toBe(before + 1);
      browser.abort();
      await expect.poll(() => openStreamCount()).toBe(before);
    });

    it("over CLOUD_API_URL, bounds only the wait for headers, not the body", async () => {
      let upstreamSignal: AbortSignal | null | undefined;
      const slowBody = (async (_url: URL | RequestInfo, init?: RequestInit) => {
        upstreamSignal = init?.signal;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode("retry: 3000\n\n"));
            setTimeout(() => controller.enqueue(new TextEncoder().encode(": ping\n\n")), 150);
          },
        });
        return new Response(body, {
          headers: { "content-type": "text/event-stream", "cache-control": "no-cache" },
        });
      }) as typeof fetch;
      const res = await openStream(
        "",
        {},
        { cloudApiUrl: "http://api", fetch: slowBody, timeoutMs: 50 },
      );
      expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
      const reader = new FrameReader(res);
      expect(await reader.next()).toEqual({ retry: "3000" });
      expect(await reader.next()).toEqual({ comment: "ping" });
      expect(upstreamSignal?.aborted).toBe(false);
      await reader.close();
    });
  });
});
