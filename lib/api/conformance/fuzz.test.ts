import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenApiDocument } from "@/lib/api/openapi-document";
import { exampleBody, loadDocument, operationsOf } from "@/lib/testing/conformance-harness";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const OVERSIZED = "x".repeat(1024 * 1024 + 1);

interface Sample {
  route: { method: string; path: string };
  query: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

/** Characters a header value may hold at all (Headers refuses CR, LF, NUL and > U+00FF). */
const headerText = fc
  .string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((n) => String.fromCharCode(n)) })
  .map((s) => s.trim());

const unicode = fc.string({ unit: "grapheme", maxLength: 12 });

/** Path pieces: real route segments, ids, traversal and encoding tricks, unicode, long runs. */
function segmentArb(known: string[], ids: string[]) {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    { weight: 4, arbitrary: fc.constantFrom(...ids) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "..",
        "%2e%2e",
        "%2E%2E%2F",
        "%2F",
        "%00",
        "%ZZ",
        "%",
        "%c0%ae",
        "%E2%80%AE",
        "~",
        "*",
        "..%5c",
        ";a=b",
        "actions",
        "openapi.json",
        "",
      ),
    },
    { weight: 1, arbitrary: unicode.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 600 }).map(encodeURIComponent) },
  );
}

const queryArb = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        "limit",
        "cursor",
        "page",
        "per_page",
        "type",
        "status",
        "region",
        "q",
        "label",
        "expand",
        "x",
      ),
      fc.oneof(
        fc.constantFrom(
          "0",
          "-1",
          "1",
          "25",
          "100",
          "101",
          "1e3",
          "abc",
          "",
          "NaN",
          "9".repeat(40),
        ),
        fc.constantFrom("instance", "active", "eu-west-1", "env:prod", ":", "a:b:c", "%ZZ"),
        unicode,
        fc.base64String({ maxLength: 40 }),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) =>
    pairs.length === 0
      ? ""
      : `?${pairs.map(([k, v]) => `${k}=${v.startsWith("%") ? v : encodeURIComponent(v)}`).join("&")}`,
  );

describe.each(storeTargets())("fuzzing the API on %s", (target) => {
  let runtime: TestRuntime;
  let doc: OpenApiDocument;
  let liveKey: string;
  let testKey: string;
  const seen = new Map<number, number>();

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    const org = await createTestOrganization(runtime, "enterprise");
    liveKey = (await createTestKey(runtime, org)).secret;
    testKey = (await createTestKey(runtime, org, { environment: "test" })).secret;
    doc = await loadDocument(runtime);
  });
  afterAll(() => runtime.close());

  it(`answers ${RUNS} random malformed requests below 500, every 4xx as problem+json`, async () => {
    const ops = operationsOf(doc);
    const known = [
      ...new Set(ops.flatMap((op) => op.path.split("/").filter((s) => s && !s.startsWith("{")))),
    ].filter((s) => s !== "v1");
    const ids = ["res_7Hq2LmXw9KpB4cZt", "key_5XqT8mR2vN9pL4wZ", "evt_0", "res_", "null", "1"];
    const examples = ops
      .map((op) => exampleBody(doc, op))
      .filter((b) => b !== undefined)
      .map((b) => JSON.stringify(b));

    const authArb = fc.oneof(
      { weight: 6, arbitrary: fc.constant<string | undefined>(`Bearer ${liveKey}`) },
      { weight: 2, arbitrary: fc.constant<string | undefined>(`Bearer ${testKey}`) },
      { weight: 2, arbitrary: fc.constant<string | undefined>(undefined) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "Bearer",
          "Bearer ",
          "bearer sk_live_x",
          "Basic dXNlcjpwYXNz",
          `Bearer ${liveKey.slice(0, -1)}A`,
          `Bearer ${liveKey} extra`,
          `Bearer  ${testKey}`,
          "Bearer sk_test_",
          "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x",
        ),
      },
      { weight: 1, arbitrary: headerText.map((s) => `Bearer ${s}`) },
    );
    const bodyArb = fc.oneof(
      { weight: 4, arbitrary: fc.constant<string | Uint8Array | undefined>(undefined) },
      { weight: 3, arbitrary: fc.constantFrom(...(examples.length ? examples : ["{}"])) },
      { weight: 3, arbitrary: fc.json({ maxDepth: 3 }) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          "{",
          "{'a':1}",
          '{"name":}',
          "[]",
          "null",
          '"x"',
          "1",
          '{"name":"a","name":"b"}',
          `{"name":"${"\u0000"}"}`,
          '{"__proto__":{"admin":true}}',
          '{"constructor":{"prototype":{"x":1}}}',
          "\ufeff{}",
        ),
      },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      { weight: 1, arbitrary: fc.constant(OVERSIZED) },
    );
    const methodArb = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom("GET", "POST", "PATCH", "DELETE", "PUT") },
      { weight: 1, arbitrary: fc.constantFrom("HEAD", "OPTIONS", "FOO", "get", "M-SEARCH") },
    );
    const routeArb = fc.oneof(
      {
        // A real operation, its ids from the pool (mostly) or garbage, under /v1 or /sandbox/v1.
        weight: 5,
        arbitrary: fc
          .tuple(
            fc.constantFrom(...ops),
            fc.constantFrom("", "", "/sandbox"),
            fc.array(
              fc.oneof(
                { weight: 3, arbitrary: fc.constantFrom(...ids) },
                { weight: 1, arbitrary: segmentArb(known, ids) },
              ),
              { minLength: 4, maxLength: 4 },
            ),
            fc.oneof(
              { weight: 9, arbitrary: fc.constant(null) },
              { weight: 1, arbitrary: methodArb },
            ),
          )
          .map(([op, prefix, fills, otherMethod]) => {
            let i = 0;
            const path = prefix + op.path.replace(/\{[^}]+\}/g, () => fills[i++] ?? "x");
            return { method: otherMethod ?? op.method, path };
          }),
      },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            methodArb,
            fc.constantFrom("/v1", "/v1", "/sandbox/v1", "/v2", "/v0", "/V1", "/sandbox/v2"),
            fc.array(segmentArb(known, ids), { minLength: 0, maxLength: 5 }),
            fc.boolean(),
          )
          .map(([method, prefix, segments, slash]) => ({
            method,
            path: `${prefix}${segments.length ? `/${segments.join("/")}` : ""}${slash ? "/" : ""}`,
          })),
      },
    );
    const sampleArb: fc.Arbitrary<Sample> = fc.record({
      route: routeArb,
      query: queryArb,
      headers: fc
        .record(
          {
            authorization: authArb,
            "content-type": fc.oneof(
              { weight: 6, arbitrary: fc.constant("application/json") },
              fc.constantFrom(
                "application/json",
                "application/json; charset=utf-8",
                "text/plain",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x",
                "application/merge-patch+json",
                "",
                "application/json; charset=latin1",
              ),
              headerText,
            ),
            "content-length": fc.option(
              fc.oneof(
                fc.constantFrom("0", "-1", "abc", "99999999999", "1048577", "1.5"),
                fc.nat({ max: 2 * 1024 * 1024 }).map(String),
              ),
              { freq: 4, nil: undefined },
            ),
            "idempotency-key": fc.option(
              fc.oneof(
                fc.constantFrom("", "k".repeat(256), "same-key", "same-key", "caf\u00e9"),
                headerText,
              ),
              { freq: 2, nil: undefined },
            ),
            "x-request-id": fc.oneof(fc.constantFrom("req_abcdef123", "req_"), headerText),
            accept: fc.constantFrom("application/json", "text/html", "*/*", "text/event-stream"),
            "x-forwarded-proto": fc.constantFrom("http", "https", "gopher"),
          },
          { requiredKeys: ["authorization"] },
        )
        .map((h) => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = v;
          return out;
        }),
      body: bodyArb,
    });

    await fc.assert(
      fc.asyncProperty(sampleArb, async (sample) => {
        const hasBody = sample.body !== undefined && !["GET", "HEAD"].includes(sample.route.method);
        let request: Request;
        try {
          request = new Request(`http://localhost${sample.route.path}${sample.query}`, {
            method: sample.route.method,
            headers: sample.headers,
            body: hasBody ? (sample.body as BodyInit) : undefined,
          });
        } catch {
          return; // the client library refuses to send it at all (e.g. a forbidden method)
        }
        const res = await runtime.api.request(request);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const context = `${sample.route.method} ${sample.route.path}${sample.query} -> ${res.status}`;
        expect(res.status, context).toBeLessThan(500);
        const requestId = res.headers.get("x-request-id");
        expect(requestId, context).toMatch(/^req_/);
        const type = res.headers.get("content-type") ?? "";
        if (type.includes("text/event-stream")) {
          await res.body?.cancel();
          return;
        }
        const text = await res.text();
        if (res.status < 400) return;
        expect(type, context).toBe("application/problem+json");
        if (sample.route.method === "HEAD") return;
        const problem = JSON.parse(text) as Record<string, unknown>;
        expect(problem.status, context).toBe(res.status);
        expect(typeof problem.code, context).toBe("string");
        expect(problem.request_id, context).toMatch(/^req_/);
        // A replayed answer keeps the first request's id in its body; any other matches.
        if (res.headers.get("idempotent-replayed") !== "true") {
          expect(problem.request_id, context).toBe(requestId);
        }
        expect(text, context).not.toMatch(/\bat .+\.(ts|js):\d+|SQLITE_|syntax error at|stack/i);
      }),
      { numRuns: RUNS },
    );
    console.info(
      `fuzz statuses on ${target}: ${JSON.stringify(Object.fromEntries([...seen].sort((a, b) => a[0] - b[0])))}`,
    );
    // The run must have reached past the front door, not only bounced off it.
    const reached = [...seen.keys()];
    expect(reached.some((s) => s >= 200 && s < 300)).toBe(true);
    for (const status of [400, 401, 404, 405]) expect(reached, `saw ${status}`).toContain(status);
  }, 180_000);
});
