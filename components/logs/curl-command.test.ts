import { describe, expect, it } from "vitest";
import { curlCommand } from "./curl-command";
import { logFiltersFromParams, paramsOfLogFilters, requestLogsPath } from "./log-filters";

describe("copy as curl", () => {
  it("names the key by placeholder and keeps the idempotency key", () => {
    expect(
      curlCommand(
        { method: "POST", path: "/sandbox/v1/resources", idempotency_key: "it's-1" },
        "https://api.example.test",
      ),
    ).toBe(
      [
        "curl -X POST 'https://api.example.test/sandbox/v1/resources' \\",
        '  -H "Authorization: Bearer $CLOUD_API_KEY" \\',
        "  -H 'Idempotency-Key: it'\\''s-1' \\",
        '  -H "Content-Type: application/json" \\',
        "  --data @body.json",
      ].join("\n"),
    );
    const get = curlCommand(
      { method: "GET", path: "/v1/regions", idempotency_key: null },
      "http://x",
    );
    expect(get).toBe(
      `curl -X GET 'http://x/v1/regions' \\\n  -H "Authorization: Bearer $CLOUD_API_KEY"`,
    );
    expect(get).not.toMatch(/sk_(live|test)_/);
  });
});

describe("log filters in the URL", () => {
  it("keeps well-formed filters, drops the rest, and builds the API path", () => {
    const filters = logFiltersFromParams(
      new URLSearchParams(
        "method=post&status=4xx&route=/v1/resources/:id&ip=nope&request=req_abcdefgh",
      ),
    );
    expect(filters).toEqual({
      method: "POST",
      status: "4xx",
      route: "/v1/resources/:id",
      request: "req_abcdefgh",
    });
    expect(paramsOfLogFilters(filters)).toBe(
      "?method=POST&status=4xx&route=%2Fv1%2Fresources%2F%3Aid&request=req_abcdefgh",
    );
    expect(requestLogsPath(filters)).toBe(
      "/v1/request-logs?method=POST&status=4xx&route=%2Fv1%2Fresources%2F%3Aid&limit=50",
    );
  });
});
