import { describe, expect, it } from "vitest";
import { cliCodeFor, jsLiteral, sdkCodeFor } from "./client-code";

describe("SDK and CLI samples", () => {
  it("write values as JavaScript: short ones inline, long ones one entry per line", () => {
    expect(jsLiteral({ path: { id: "res_1" }, "x-y": [1, true, null] })).toBe(
      '{ path: { id: "res_1" }, "x-y": [1, true, null] }',
    );
    expect(jsLiteral({ a: "x".repeat(70) })).toBe(`{\n  a: "${"x".repeat(70)}",\n}`);
    expect(jsLiteral({}, 0)).toBe("{}");
  });

  it("call the SDK with the path's parameters, the query as numbers, the sandbox and retries", () => {
    const code = sdkCodeFor({
      request: {
        method: "GET",
        path: "/sandbox/v1/webhook-endpoints/we_1/deliveries?limit=10",
        retries: 3,
      },
      operation: "GET /v1/webhook-endpoints/{id}/deliveries",
      expectsError: false,
    });
    expect(code).toContain(
      'createClient({ baseUrl: "{{BASE_URL}}", sandbox: true, retry: { maxRetries: 3 } })',
    );
    expect(code).toContain(
      'cloud.GET("/v1/webhook-endpoints/{id}/deliveries", {\n  params: { path: { id: "we_1" }, query: { limit: 10 } },\n})',
    );
  });

  it("catch CloudApiError where only errors are expected, and send no key where none is given", () => {
    const code = sdkCodeFor({
      request: { method: "GET", path: "/v1/resources", anonymous: true },
      operation: "GET /v1/resources",
      expectsError: true,
    });
    expect(code).toContain('import { CloudApiError, createClient } from "@cloud-api-platform/sdk"');
    expect(code).toContain('apiKey: ""');
    expect(code).toContain("if (!(error instanceof CloudApiError)) throw error;");
  });

  it("read the event stream for a while with client.events.stream and cloud events tail", () => {
    const stream = {
      request: {
        method: "GET" as const,
        path: "/v1/events/stream?type=resource.*,volume.created&object_id=res_1",
        stream: true,
      },
      operation: "GET /v1/events/stream",
      expectsError: false,
    };
    const sdk = sdkCodeFor(stream);
    expect(sdk).toContain(
      'cloud.events.stream({ types: ["resource.*", "volume.created"], objectId: "res_1", signal: AbortSignal.timeout(5000) })',
    );
    expect(cliCodeFor(stream)).toBe(
      "cloud events tail --type 'resource.*,volume.created' --object-id res_1 --max-time 5",
    );
    const unknown = { ...stream, request: { ...stream.request, path: "/v1/events/stream?x=1" } };
    expect(sdkCodeFor(unknown)).toBeNull();
    expect(cliCodeFor(unknown)).toBeNull();
  });

  it("have no SDK or CLI form for what those clients cannot send", () => {
    const outside = {
      request: { method: "GET" as const, path: "/v2/x" },
      operation: null,
      expectsError: true,
    };
    expect(sdkCodeFor(outside)).toBeNull();
    expect(cliCodeFor(outside)).toBeNull();
    const header = {
      request: { method: "GET" as const, path: "/v1/regions", headers: { Accept: "text/plain" } },
      operation: "GET /v1/regions",
      expectsError: false,
    };
    expect(sdkCodeFor(header)).toBeNull();
    expect(cliCodeFor(header)).toBeNull();
    const anonymous = {
      request: { method: "GET" as const, path: "/v1/regions", anonymous: true },
      operation: "GET /v1/regions",
      expectsError: false,
    };
    expect(cliCodeFor(anonymous)).toBeNull();
    expect(cliCodeFor({ ...anonymous, request: { method: "GET", path: "/v1/regions" } })).toBe(
      "cloud regions list",
    );
  });
});
