import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

describe.each(storeTargets())("API skeleton on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let liveKey: string;
  let testKey: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    org = await createTestOrganization(runtime);
    liveKey = (await createTestKey(runtime, org, { environment: "live" })).secret;
    testKey = (await createTestKey(runtime, org, { environment: "test" })).secret;
  });
  afterAll(() => runtime.close());

  it("lists regions for a valid key, with the transport headers", async () => {
    const res = await apiRequest(runtime, "GET", "/v1/regions", { key: liveKey });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = (await res.json()) as { data: Array<{ slug: string }> };
    expect(body.data.map((r) => r.slug)).toEqual(
      expect.arrayContaining([
        "us-east-1",
        "us-west-2",
        "eu-west-1",
        "eu-central-1",
        "ap-southeast-1",
      ]),
    );
  });

  it("answers 401 problem+json with WWW-Authenticate without a key", async () => {
    const res = await apiRequest(runtime, "GET", "/v1/regions");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 401, code: "unauthorized" });
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
  });

  it("refuses a key with a broken checksum and an unknown key alike", async () => {
    const broken = `${liveKey.slice(0, -1)}${liveKey.endsWith("a") ? "b" : "a"}`;
    expect((await apiRequest(runtime, "GET", "/v1/regions", { key: broken })).status).toBe(401);
    expect((await apiRequest(runtime, "GET", "/v1/regions", { key: "sk_live_nope" })).status).toBe(
      401,
    );
  });

  it("answers unknown paths 404 before authentication", async () => {
    const res = await apiRequest(runtime, "GET", "/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await res.json()).toMatchObject({ code: "not_found", status: 404 });
  });

  it("names the supported versions for another version prefix", async () => {
    const res = await apiRequest(runtime, "GET", "/v2/resources");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/v1/);
  });

  it("answers 405 with Allow for a known path and a wrong method", async () => {
    const res = await apiRequest(runtime, "DELETE", "/v1/regions", { key: liveKey });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toContain("GET");
    expect(await res.json()).toMatchObject({ code: "method_not_allowed" });
  });

  it("serves /sandbox/v1 to test keys only", async () => {
    expect((await apiRequest(runtime, "GET", "/sandbox/v1/regions", { key: testKey })).status).toBe(
      200,
    );
    const live = await apiRequest(runtime, "GET", "/sandbox/v1/regions", { key: liveKey });
    expect(live.status).toBe(401);
  });

  it("links problem types to the configured docs origin, never to the request's Host", async () => {
    for (const [method, path] of [
      ["GET", "/v1/regions"],
      ["GET", "/v1/nope"],
      ["DELETE", "/v1/regions"],
      ["GET", "/v1/openapi.json/x"],
    ] as const) {
      const res = await runtime.api.request(`http://evil.example${path}`, {
        method,
        headers: { Host: "evil.example", "X-Forwarded-Host": "evil.example" },
      });
      const body = (await res.json()) as { type: string; code: string };
      expect(body.type).toBe(`http://localhost:3000/docs/errors#${body.code}`);
    }
  });

  it.each([
    "/v1/resources/%zz",
    "/v1/resources/%u002e%u002e",
    "/v1/resources/%ED%A0%80",
    "/v1/resources/%E9t%E9",
    "/v1/resources?q=%C0%AF",
    "/v1/resources?label=a%",
    "/sandbox/v1/resources/%zz",
    "/v1/resources/res_%00",
  ])("refuses the malformed URL %s with 400 before authentication", async (path) => {
    const res = await apiRequest(runtime, "GET", path);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({ code: "bad_request", status: 400 });
  });

  it("logs a client that leaves mid-body at info, without a stack", async () => {
    const lines: string[] = [];
    const logged = await createTestRuntime(target, {
      logger: pino({ level: "info" }, { write: (line: string) => lines.push(line) }),
    });
    try {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"name":'));
          // What Node raises on the request stream when the client's socket closes mid-body.
          controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
        },
      });
      await logged.api.request("http://localhost/v1/resources", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit);
      const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      const entry = entries.find((e) => e.msg === "client closed the request");
      expect(entry).toMatchObject({ level: 30, path: "/v1/resources" });
      expect(JSON.stringify(entries)).not.toMatch(/stack|"level":50/);
    } finally {
      await logged.close();
    }
  });

  it("echoes a well-formed client request id and replaces a malformed one", async () => {
    const good = await apiRequest(runtime, "GET", "/v1/regions", {
      key: liveKey,
      headers: { "X-Request-Id": "req_client0001" },
    });
    expect(good.headers.get("x-request-id")).toBe("req_client0001");
    const bad = await apiRequest(runtime, "GET", "/v1/regions", {
      key: liveKey,
      headers: { "X-Request-Id": "<script>" },
    });
    expect(bad.headers.get("x-request-id")).toMatch(/^req_[A-Za-z0-9]+$/);
  });
});
