import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenApiDocument, REQUIRED_SCOPE_EXTENSION } from "@/lib/api/openapi-document";
import { ROLE_PERMISSIONS } from "@/lib/catalog/roles";
import { SCOPES } from "@/lib/catalog/scopes";
import { apiRequest } from "@/lib/testing/fixtures";
import { operationsOf, toDocumentPath } from "@/lib/testing/openapi-walk";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const run = promisify(execFile);
const PUBLIC_URL = "https://api.cloudplatform.io";

interface LintProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location: Array<{ pointer: string }>;
}

describe.each(storeTargets())("GET /v1/openapi.json on %s", (target) => {
  let runtime: TestRuntime;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { PUBLIC_API_URL: `${PUBLIC_URL}/v1` } });
    const res = await apiRequest(runtime, "GET", "/v1/openapi.json");
    expect(res.status).toBe(200);
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(() => runtime.close());

  it("is public JSON with the transport headers, and HEAD works", async () => {
    const res = await apiRequest(runtime, "GET", "/v1/openapi.json");
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("x-request-id")).toMatch(/^req_/);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await apiRequest(runtime, "HEAD", "/v1/openapi.json")).status).toBe(200);
    const wrong = await apiRequest(runtime, "POST", "/v1/openapi.json", { body: {} });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toContain("GET");
  });

  it("is not rate-limited per key and needs none, even with a bad Authorization header", async () => {
    // More than the free plan's 100 per minute, with and without a (bogus) key.
    const answers = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        apiRequest(runtime, "GET", "/v1/openapi.json", {
          headers: i % 2 ? { Authorization: "Bearer sk_live_bogus" } : {},
        }),
      ),
    );
    expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
  });

  it("is OpenAPI 3.1 with info, servers for /v1 and /sandbox/v1, and the bearer scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.info.description).toContain("/sandbox/v1");
    expect(doc.info.description).toContain("sk_test_");
    expect(doc.servers?.map((s) => s.url)).toEqual([PUBLIC_URL, `${PUBLIC_URL}/sandbox`]);
    expect(doc.servers?.[1]?.description).toMatch(/sk_test_/);
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    const scheme = doc.components?.securitySchemes?.bearerAuth as { description?: string };
    expect(scheme.description).toMatch(/sk_live_/);
    expect(scheme.description).toMatch(/sk_test_/);
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
  });

  it("uses the portal's URL, else localhost:PORT, for servers when PUBLIC_API_URL is unset; never the Host", async () => {
    const published = await createTestRuntime(target, {
      env: { NEXTAUTH_URL: "http://127.0.0.1:4321" },
    });
    const bare = await createTestRuntime(target, { env: { PORT: "4322" } });
    try {
      const serverOf = async (runtime: TestRuntime) => {
        const res = await runtime.api.request("http://evil.example/v1/openapi.json", {
          headers: { Host: "evil.example" },
        });
        return ((await res.json()) as OpenApiDocument).servers?.[0]?.url;
      };
      expect(await serverOf(published)).toBe("http://127.0.0.1:4321");
      expect(await serverOf(bare)).toBe("http://localhost:4322");
    } finally {
      await published.close();
      await bare.close();
    }
  });

  it("describes exactly the mounted routes, under /v1, without /sandbox duplicates", () => {
    const mounted = new Set(
      runtime.api.routes
        .filter((r) => r.method !== "ALL")
        .map((r) => `${r.method} ${toDocumentPath(r.path)}`),
    );
    const documented = new Set(operationsOf(doc).map((op) => `${op.method} ${op.path}`));
    expect([...mounted].filter((r) => !documented.has(r)).sort()).toEqual([]);
    expect([...documented].filter((r) => !mounted.has(r)).sort()).toEqual([]);
    for (const p of Object.keys(doc.paths ?? {})) expect(p).toMatch(/^\/v1\//);
  });

  it("secures every operation but itself, and every authenticated one names its scope", () => {
    const problems: string[] = [];
    // A key scope, a portal-only capability (billing:manage...), or "none" (any valid key).
    const valid = new Set<string>([...SCOPES, ...ROLE_PERMISSIONS.owner, "none"]);
    for (const op of operationsOf(doc)) {
      const name = `${op.method} ${op.path}`;
      if (op.path === "/v1/openapi.json") {
        if (op.authenticated) problems.push(`${name} must be public`);
        continue;
      }
      if (!op.authenticated) problems.push(`${name} is not secured by bearerAuth`);
      if (op.requiredScope === undefined) {
        problems.push(`${name} lacks "${REQUIRED_SCOPE_EXTENSION}" in its createRoute config`);
      } else if (!valid.has(op.requiredScope)) {
        problems.push(`${name} names an unknown scope ${op.requiredScope}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("answers every error as application/problem+json with the Problem schema", () => {
    const problems: string[] = [];
    for (const op of operationsOf(doc)) {
      for (const [status, raw] of Object.entries(op.operation.responses ?? {})) {
        if (!/^[45]/.test(status)) continue;
        let response = raw as { $ref?: string; content?: Record<string, unknown> };
        if (response.$ref) {
          const name = response.$ref.split("/").pop() as string;
          response = doc.components?.responses?.[name] as typeof response;
        }
        const types = Object.keys(response.content ?? {});
        if (types.length !== 1 || types[0] !== "application/problem+json") {
          problems.push(`${op.method} ${op.path} ${status}: ${types.join(", ") || "no content"}`);
        }
      }
      for (const status of ["400", "500"]) {
        if (!op.operation.responses?.[status])
          problems.push(`${op.method} ${op.path} no ${status}`);
      }
      if (op.authenticated && !op.operation.responses?.["401"]) {
        problems.push(`${op.method} ${op.path} no 401`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("documents the Idempotency-Key header on every POST", () => {
    for (const op of operationsOf(doc).filter((o) => o.method === "POST")) {
      const refs = (op.operation.parameters ?? []).map((p) => p.$ref);
      expect(refs, `${op.method} ${op.path}`).toContain("#/components/parameters/IdempotencyKey");
    }
  });

  it("gives every operation an id, a summary and tags, and every named schema examples", () => {
    const problems: string[] = [];
    const ids = new Set<string>();
    for (const op of operationsOf(doc)) {
      const o = op.operation as { operationId?: string; summary?: string; tags?: string[] };
      if (!o.summary) problems.push(`${op.method} ${op.path} has no summary`);
      if (!o.tags?.length) problems.push(`${op.method} ${op.path} has no tags`);
      if (o.operationId && ids.has(o.operationId)) problems.push(`duplicate id ${o.operationId}`);
      if (o.operationId) ids.add(o.operationId);
    }
    // A named object schema needs an example on itself or on at least one of its properties.
    for (const [name, raw] of Object.entries(doc.components?.schemas ?? {})) {
      const schema = raw as { example?: unknown; examples?: unknown[]; properties?: object };
      if (!schema.properties || schema.example !== undefined || schema.examples) continue;
      type Node = { example?: unknown; examples?: unknown; $ref?: string; enum?: unknown };
      const exemplified = (p: Node & { items?: Node }): boolean =>
        p.example !== undefined ||
        p.examples !== undefined ||
        p.$ref !== undefined ||
        p.enum !== undefined ||
        (p.items !== undefined && exemplified(p.items));
      const hasExample = Object.values(schema.properties).some(exemplified);
      if (!hasExample) problems.push(`schema ${name} has no example`);
    }
    expect(problems).toEqual([]);
  });

  it.runIf(target === "sqlite")(
    "passes redocly lint with no errors",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "cap-openapi-"));
      const file = path.join(dir, "openapi.json");
      writeFileSync(file, JSON.stringify(doc, null, 2));
      const cli = path.resolve("node_modules/.bin/redocly");
      let output: string;
      try {
        ({ stdout: output } = await run(cli, ["lint", file, "--format=json"], {
          env: {
            ...process.env,
            REDOCLY_TELEMETRY: "off",
            REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          },
          maxBuffer: 16 * 1024 * 1024,
        }));
      } catch (error) {
        // Exit code 1 when there are errors; the report is still on stdout.
        output = (error as { stdout?: string }).stdout ?? "";
      }
      const report = JSON.parse(output) as { problems: LintProblem[] };
      const summary = report.problems.map(
        (p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`,
      );
      expect(summary.filter((line) => line.startsWith("error"))).toEqual([]);
      // Warnings are allowed, but keep them visible and few.
      const warnings = summary.filter((line) => line.startsWith("warn"));
      if (warnings.length > 0) console.info(`redocly warnings:\n${warnings.join("\n")}`);
      expect(warnings.length).toBeLessThanOrEqual(5);
    },
    60_000,
  );
});
