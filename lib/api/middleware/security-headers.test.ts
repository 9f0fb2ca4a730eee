import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import {
  createTestRuntime,
  type StoreTarget,
  storeTargets,
  type TestRuntime,
} from "@/lib/testing/test-runtime";

const HSTS = "max-age=63072000; includeSubDomains";

describe.each(storeTargets())("HTTPS required on %s", (target: StoreTarget) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: string;

  /** A request as @hono/node-server hands it over: with the peer's socket. */
  const request = (
    socket: { remoteAddress?: string; encrypted?: boolean },
    headers: Record<string, string> = {},
  ) =>
    Promise.resolve(
      runtime.api.request(
        "http://api.example.test/v1/regions",
        { headers: { Authorization: `Bearer ${key}`, ...headers } },
        { incoming: { headers: {}, socket } },
      ),
    );

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { REQUIRE_HTTPS: "1" } });
    org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
  });
  afterAll(() => runtime.close());

  describe("happy paths", () => {
    it("serves a trusted proxy's https request with HSTS", async () => {
      const res = await request({ remoteAddress: "127.0.0.1" }, { "X-Forwarded-Proto": "https" });
      expect(res.status).toBe(200);
      expect(res.headers.get("strict-transport-security")).toBe(HSTS);
      expect(res.headers.get("x-ratelimit-limit")).toBe("10000");
    });

    it("serves TLS on its own socket with HSTS", async () => {
      const res = await request({ remoteAddress: "203.0.113.10", encrypted: true });
      expect(res.status).toBe(200);
      expect(res.headers.get("strict-transport-security")).toBe(HSTS);
    });
  });

  describe("errors", () => {
    it("refuses a plain request with 403 https_required, before authentication", async () => {
      const res = await request({ remoteAddress: "203.0.113.10" });
      expect(res.status).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(await res.json()).toMatchObject({ code: "https_required", status: 403 });
      expect(res.headers.get("strict-transport-security")).toBeNull();
      expect(res.headers.get("x-request-id")).toMatch(/^req_/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      // Refused before the key was used: no rate-limit headers.
      expect(res.headers.get("x-ratelimit-limit")).toBeNull();
    });

    it("refuses a trusted proxy that says http", async () => {
      const res = await request({ remoteAddress: "::1" }, { "X-Forwarded-Proto": "http" });
      expect(res.status).toBe(403);
    });
  });

  describe("security", () => {
    it("ignores X-Forwarded-Proto from an untrusted peer", async () => {
      const res = await request(
        { remoteAddress: "203.0.113.10" },
        { "X-Forwarded-Proto": "https" },
      );
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ code: "https_required" });
      expect(res.headers.get("strict-transport-security")).toBeNull();
    });

    it("treats an IPv4-mapped loopback peer as the local proxy", async () => {
      const res = await request(
        { remoteAddress: "::ffff:127.0.0.1" },
        { "X-Forwarded-Proto": "https" },
      );
      expect(res.status).toBe(200);
    });
  });
});
