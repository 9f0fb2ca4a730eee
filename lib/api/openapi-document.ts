import type { OpenAPIHono } from "@hono/zod-openapi";
import { MAX_IDEMPOTENCY_KEY_LENGTH } from "@/lib/idempotency/key-header";
import type { ApiEnv } from "./env";

export type OpenApiDocument = ReturnType<OpenAPIHono<ApiEnv>["getOpenAPI31Document"]>;

export const OPENAPI_PATH = "/v1/openapi.json";
export const REQUIRED_SCOPE_EXTENSION = "x-required-scope";
const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

const DESCRIPTION = `The Cloud API: provision, manage and monitor cloud resources over REST.

**Authentication.** Send \`Authorization: Bearer <key>\` on every request except this document.
Keys are \`sk_live_...\` (live data) or \`sk_test_...\` (sandbox data); each holds a set of scopes,
and every operation names the scope it needs in \`x-required-scope\`.

**Sandbox.** The same API is served under \`/sandbox/v1\` (the second server below) for
\`sk_test_\` keys only; a live key there answers 401. Test keys also work on \`/v1\` and always act
on sandbox data, which resets every 24 hours and never counts toward the plan's rate limit or
billing.

**Errors** are RFC 9457 problem details (\`application/problem+json\`) with a machine-readable
\`code\` and the \`request_id\` also sent as \`X-Request-Id\`.

**Idempotency.** Every POST accepts an \`Idempotency-Key\` (up to ${MAX_IDEMPOTENCY_KEY_LENGTH}
printable characters, kept 24 hours): the same request is answered once and replayed with
\`Idempotent-Replayed: true\`.

**Pagination.** Lists take \`?limit=\` and \`?cursor=\` (from \`meta.next_cursor\`), or
\`?page=\` and \`?per_page=\` (1-100, default 25).`;

/** One line of text for each tag the routes use; unknown tags still get a generic line. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  Resources: "Compute, storage and network resources: one object model with typed views",
  Instances: "Compute instances (a typed view of resources) and their actions",
  Volumes: "Block storage volumes (a typed view of resources) and attach/detach",
  Buckets: "Object storage buckets (a typed view of resources)",
  Networks: "Virtual networks (a typed view of resources)",
  "Load balancers": "Load balancers (a typed view of resources)",
  Regions: "Where resources can run",
  "API keys": "Create, list, rotate and revoke API keys",
  Events: "What happened in the project, as a list and a live stream",
  Usage: "Request counts and latency over time",
  "Rate limits": "The caller's current limits and remaining quota",
  Billing: "Plan, invoices and spend",
  Webhooks: "Webhook endpoints and their deliveries",
  Members: "People in the organization and their roles",
  "Audit logs": "Who did what, when",
  "Request logs": "Every API request and what it caused (events, webhook deliveries)",
  Deployments: "Multi-region deployments",
  Meta: "This document",
};

interface OperationLike {
  operationId?: string;
  tags?: string[];
  security?: Array<Record<string, string[]>>;
  parameters?: Array<Record<string, unknown>>;
  responses?: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
}

function operationIdFor(method: string, path: string): string {
  const words = path
    .replace(/^\/v1\//, "")
    .split(/[/{}_.-]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1));
  return method + words.join("");
}

const problemRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

/** Once per app, before the document is first built. */
export function registerBearerScheme(app: OpenAPIHono<ApiEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description:
      "An API key: `sk_live_` + random characters + checksum for live data, `sk_test_` for sandbox data. Create keys in the dashboard (Settings, API keys) or with POST /v1/api-keys.",
  });
}

/**
 * The OpenAPI 3.1 document of every mounted route, from the zod schemas that validate requests.
 * The generator gives paths and schemas; this adds what is true of every operation (the bearer
 * scheme, the Idempotency-Key header on POST, the transport errors) so routes need not repeat it.
 */
export function buildOpenApiDocument(app: OpenAPIHono<ApiEnv>, origin: string): OpenApiDocument {
  const document = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Cloud API",
      version: "1.0.0",
      description: DESCRIPTION,
      contact: { name: "Cloud API Platform support", url: `${origin}/docs` },
    },
    servers: [
      { url: origin, description: "Live and test keys (test keys act on sandbox data)" },
      { url: `${origin}/sandbox`, description: "Sandbox: the same API for sk_test_ keys only" },
    ],
    security: [{ bearerAuth: [] }],
    externalDocs: { description: "Guides and reference", url: `${origin}/docs` },
  });

  document.components ??= {};
  const components = document.components;
  components.parameters = {
    ...components.parameters,
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description:
        "Makes a POST safe to retry: the same key with the same request replays the first answer for 24 hours; with another request it answers 422, while the first still runs 409.",
      schema: {
        type: "string",
        minLength: 1,
        maxLength: MAX_IDEMPOTENCY_KEY_LENGTH,
        pattern: "^[\\x20-\\x7E]+$",
        examples: ["order-4711-create"],
      },
    },
  };
  const problem = (description: string) => ({
    description,
    content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
  });
  components.responses = {
    ...components.responses,
    BadRequest: problem("Malformed request, header or query parameter"),
    Unauthorized: problem("Missing, invalid, revoked or expired API key"),
    Forbidden: problem("The key lacks the scope for this action, or HTTPS is required"),
    PayloadTooLarge: problem("The body is larger than 1 MiB"),
    UnsupportedMediaType: problem("The body is not application/json"),
    IdempotencyConflict: problem("idempotency_key_in_use: a request with this key still runs"),
    IdempotencyMismatch: problem(
      "validation_failed, or idempotency_key_mismatch: the key was used with another request",
    ),
    RateLimited: problem("Rate limit exceeded; retry after Retry-After seconds"),
    InternalError: problem("Unexpected error; retry later or contact support with the request id"),
  };

  const usedTags = new Set<string>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, OperationLike | undefined>)[method];
      if (!operation) continue;
      operation.operationId ??= operationIdFor(method, path);
      for (const tag of operation.tags ?? []) usedTags.add(tag);
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      operation.responses ??= {};
      const responses = operation.responses;
      const fill = (status: string, name: string) => {
        responses[status] ??= problemRef(name);
      };
      fill("400", "BadRequest");
      fill("500", "InternalError");
      if (!isPublic) {
        fill("401", "Unauthorized");
        fill("403", "Forbidden");
        fill("429", "RateLimited");
      }
      if (method === "post" || method === "put" || method === "patch") {
        fill("413", "PayloadTooLarge");
        fill("415", "UnsupportedMediaType");
      }
      if (method === "post") {
        operation.parameters = [
          ...(operation.parameters ?? []),
          { $ref: "#/components/parameters/IdempotencyKey" },
        ];
        fill("409", "IdempotencyConflict");
        fill("422", "IdempotencyMismatch");
      }
    }
  }
  // Only what an operation uses (the shared parts are declared above once, filled in per route).
  const used = JSON.stringify(document.paths ?? {});
  for (const group of ["responses", "parameters"] as const) {
    const entries = components[group] ?? {};
    for (const name of Object.keys(entries)) {
      if (!used.includes(`"#/components/${group}/${name}"`)) delete entries[name];
    }
  }
  document.tags = [...usedTags].sort().map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name] ?? `Operations on ${name.toLowerCase()}`,
  }));
  return document;
}
