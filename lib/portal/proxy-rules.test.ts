import { describe, expect, it } from "vitest";
import {
  apiPathOf,
  apiQueryOf,
  checkSameOrigin,
  chooseEnvironment,
  forwardedRequestHeaders,
  passedResponseHeaders,
} from "./proxy-rules";

const own = ["https://portal.example.com"];
const h = (init: Record<string, string>) => new Headers(init);

describe("proxy path rules", () => {
  it("maps /api/proxy/v1/... to /v1/...", () => {
    expect(apiPathOf("/api/proxy/v1/resources")).toEqual({ ok: true, value: "/v1/resources" });
    expect(apiPathOf("/api/proxy/v1/resources/res_7Hq2Lm/actions")).toEqual({
      ok: true,
      value: "/v1/resources/res_7Hq2Lm/actions",
    });
    expect(apiPathOf("/api/proxy/v1/api-keys")).toMatchObject({ ok: true });
  });

  it.each([
    "/api/proxy/v1/../../api/auth/session",
    "/api/proxy/v1/./resources",
    "/api/proxy/v1//resources",
    "/api/proxy/v1/resources/",
    "/api/proxy/v1/%2e%2e/%2e%2e/api/auth/session",
    "/api/proxy/v1/%2E%2E/x",
    "/api/proxy/v1/..%2fapi",
    "/api/proxy/v1/..%5capi",
    "/api/proxy/v1/%252e%252e/x",
    "/api/proxy/v1/..\\..\\api",
    "/api/proxy/v1\\resources",
    "/api/proxy/v1/res%00",
    "/api/proxy/v2/resources",
    "/api/proxy/sandbox/v1/resources",
    "/api/proxy/resources",
    "/api/proxy/",
    "/api/proxy",
    "/api/proxy/v1/x@evil.example",
    `/api/proxy/v1/${"a".repeat(2000)}`,
  ])("refuses %s", (path) => {
    expect(apiPathOf(path).ok).toBe(false);
  });

  it("keeps a query string and refuses control characters in it", () => {
    expect(apiQueryOf("?type=volume&q=db")).toEqual({ ok: true, value: "?type=volume&q=db" });
    expect(apiQueryOf("")).toEqual({ ok: true, value: "" });
    expect(apiQueryOf("?a=\u0000").ok).toBe(false);
    expect(apiQueryOf(`?q=${"x".repeat(5000)}`).ok).toBe(false);
  });
});

describe("same-origin rule", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(checkSameOrigin("GET", h({ origin: "https://evil.example" }), own).ok).toBe(true);
  });

  it("accepts the portal's own origin: same scheme, host and port", () => {
    expect(checkSameOrigin("POST", h({ origin: "https://portal.example.com" }), own).ok).toBe(true);
    expect(checkSameOrigin("POST", h({ origin: "https://Portal.Example.com:443" }), own).ok).toBe(
      true,
    );
    expect(
      checkSameOrigin("DELETE", h({ origin: "http://localhost:3361" }), ["http://localhost:3361"])
        .ok,
    ).toBe(true);
  });

  it.each([
    ["another scheme", "http://portal.example.com", ["https://portal.example.com"]],
    ["https against a plain-http portal", "https://127.0.0.1:3000", ["http://127.0.0.1:3000"]],
    ["another port", "http://127.0.0.1:3001", ["http://127.0.0.1:3000"]],
    ["a port against the default one", "https://portal.example.com:8443", own],
  ])("refuses %s", (_name, origin, origins) => {
    expect(checkSameOrigin("POST", h({ origin }), origins).ok).toBe(false);
    expect(checkSameOrigin("POST", h({ referer: `${origin}/dashboard` }), origins).ok).toBe(false);
  });

  it.each([
    ["POST", { origin: "https://evil.example" }],
    ["PATCH", { origin: "https://portal.example.com.evil.example" }],
    ["DELETE", { origin: "null" }],
    ["POST", { origin: "http://localhost:3362" }],
    ["POST", { origin: "file://" }],
    ["POST", { "sec-fetch-site": "cross-site" }],
    ["POST", { "sec-fetch-site": "same-site" }],
    ["PUT", { referer: "https://evil.example/page" }],
    ["POST", {}],
  ])("refuses %s with %j", (method, headers) => {
    const hosts = [...own, "http://localhost:3361"];
    expect(checkSameOrigin(method, h(headers as Record<string, string>), hosts).ok).toBe(false);
  });

  it("falls back to Sec-Fetch-Site, then Referer", () => {
    expect(checkSameOrigin("POST", h({ "sec-fetch-site": "same-origin" }), own).ok).toBe(true);
    expect(
      checkSameOrigin("POST", h({ referer: "https://portal.example.com/dashboard" }), own).ok,
    ).toBe(true);
  });
});

describe("environment and headers", () => {
  it("takes an explicit live or test, else the member's own", () => {
    expect(chooseEnvironment(null, "live")).toEqual({ ok: true, value: "live" });
    expect(chooseEnvironment("test", "live")).toEqual({ ok: true, value: "test" });
    expect(chooseEnvironment("LIVE", "test")).toEqual({ ok: true, value: "live" });
    expect(chooseEnvironment("prod", "live").ok).toBe(false);
  });

  it("forwards only safe request headers", () => {
    const out = forwardedRequestHeaders(
      h({
        "content-type": "application/json",
        accept: "application/json",
        "idempotency-key": "k1",
        "x-request-id": "req_abcdef123",
        cookie: "next-auth.session-token=secret",
        authorization: "Bearer x",
        "x-forwarded-for": "1.2.3.4",
        "x-cap-client-ip": "1.2.3.4",
        host: "evil.example",
      }),
    );
    expect([...out.keys()].sort()).toEqual([
      "accept",
      "content-type",
      "idempotency-key",
      "x-request-id",
    ]);
  });

  it("drops hop-by-hop headers, those Connection names, Set-Cookie and the API's HSTS", () => {
    const upstream = new Headers({
      "content-type": "application/problem+json",
      "x-ratelimit-limit": "100",
      ratelimit: '"minute";r=99;t=60',
      connection: "keep-alive, x-internal",
      "x-internal": "1",
      "keep-alive": "timeout=5",
      "transfer-encoding": "chunked",
      "content-encoding": "gzip",
      "set-cookie": "a=b",
      "strict-transport-security": "max-age=63072000; includeSubDomains",
    });
    const out = passedResponseHeaders(upstream);
    expect([...out.keys()].sort()).toEqual(["content-type", "ratelimit", "x-ratelimit-limit"]);
  });
});
