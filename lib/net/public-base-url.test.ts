import { describe, expect, it } from "vitest";
import { configuredApiBaseUrl } from "@/lib/config";
import { publicBaseUrl, requestOrigin } from "./public-base-url";
import { parseProxyTrust } from "./trusted-proxy";

const loopback = parseProxyTrust("loopback");
const direct = { host: "cloud.example.org:8443", forwardedHost: undefined, remote: "203.0.113.9" };

describe("the base URL the docs show", () => {
  it("is PUBLIC_API_URL, else the origin of NEXTAUTH_URL, else unset", () => {
    const api = "https://api.example.org/edge";
    expect(configuredApiBaseUrl({ publicApiUrl: api, nextAuthUrl: "https://p.example.org" })).toBe(
      api,
    );
    expect(
      configuredApiBaseUrl({ publicApiUrl: undefined, nextAuthUrl: "http://127.0.0.1:3331/" }),
    ).toBe("http://127.0.0.1:3331");
    expect(configuredApiBaseUrl({ publicApiUrl: undefined, nextAuthUrl: undefined })).toBe(
      undefined,
    );
  });

  it("falls back to the request's origin only when nothing is configured", () => {
    const request = { ...direct, secure: false };
    expect(publicBaseUrl("https://api.example.org", request, loopback)).toBe(
      "https://api.example.org",
    );
    expect(publicBaseUrl(undefined, request, loopback)).toBe("http://cloud.example.org:8443");
    expect(publicBaseUrl(undefined, { ...request, secure: true }, loopback)).toBe(
      "https://cloud.example.org:8443",
    );
  });

  it("believes X-Forwarded-Host only from a trusted proxy", () => {
    const forwarded = { host: "10.0.0.5:3000", forwardedHost: "docs.example.org, x", secure: true };
    expect(requestOrigin({ ...forwarded, remote: "127.0.0.1" }, loopback)).toBe(
      "https://docs.example.org",
    );
    expect(requestOrigin({ ...forwarded, remote: "203.0.113.9" }, loopback)).toBe(
      "https://10.0.0.5:3000",
    );
    expect(requestOrigin({ ...forwarded, remote: "127.0.0.1" }, parseProxyTrust("none"))).toBe(
      "https://10.0.0.5:3000",
    );
  });

  it("never prints a malformed host", () => {
    for (const host of ['evil.example"><script>', "a b", "", "x/y", "[::1", "h:99999999"]) {
      expect(requestOrigin({ ...direct, host, secure: false }, loopback), host).toBe(
        "http://localhost",
      );
    }
    expect(requestOrigin({ ...direct, host: "[::1]:3000", secure: false }, loopback)).toBe(
      "http://[::1]:3000",
    );
    expect(requestOrigin({ ...direct, host: "Docs.Example.ORG", secure: false }, loopback)).toBe(
      "http://docs.example.org",
    );
  });
});
