import type { OpenApiDocument } from "./openapi-types";
import type { ApiOperation } from "./reference";
import { operationKey } from "./reference";
import type { SampleRequest } from "./sample-code";
import { type DocSample, type FixtureKind, SAMPLES } from "./samples";
import { exampleOf } from "./schema-tools";

const FIXTURE_BY_COLLECTION: Record<string, FixtureKind> = {
  resources: "instance",
  instances: "instance",
  volumes: "volume",
  buckets: "bucket",
  networks: "network",
  "load-balancers": "load_balancer",
  "api-keys": "api_key",
  "webhook-endpoints": "webhook_endpoint",
  events: "event",
  "audit-logs": "audit_log",
  "request-logs": "request_log",
};

/** Statuses a generated sample must never get with a valid all-scopes sandbox key. */
const NEVER_EXPECTED = new Set([401, 403, 429]);

function exampleText(value: unknown, fallback: string): string {
  if (typeof value === "string" && /^[A-Za-z0-9_.:-]+$/.test(value)) return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return fallback;
}

function isStream(operation: ApiOperation): boolean {
  return operation.responses.some(
    (r) => r.status.startsWith("2") && r.contentType === "text/event-stream",
  );
}

/** A runnable example for an operation that has no hand-written one, from its documented examples. */
export function generatedSample(doc: OpenApiDocument, operation: ApiOperation): DocSample {
  const fixtures: Record<string, FixtureKind> = {};
  let path = operation.path;
  for (const parameter of operation.parameters.filter((p) => p.in === "path")) {
    const value = exampleText(
      parameter.example ?? (parameter.schema ? exampleOf(doc, parameter.schema) : undefined),
      `${parameter.name}_example`,
    );
    path = path.replace(`{${parameter.name}}`, value);
    // The parameter right after the collection names one of its objects ({id}, {request_id}).
    const [, collection, named] = /\/v1\/([a-z-]+)\/\{([a-z_]+)\}/.exec(operation.path) ?? [];
    const kind = collection ? FIXTURE_BY_COLLECTION[collection] : undefined;
    if (kind && parameter.name === named) fixtures[value] = kind;
  }
  const query = operation.parameters
    .filter((p) => p.in === "query" && p.required)
    .map((p) => {
      const value = exampleText(
        p.example ?? (p.schema ? exampleOf(doc, p.schema) : undefined),
        "1",
      );
      return `${encodeURIComponent(p.name)}=${encodeURIComponent(value)}`;
    });
  if (query.length > 0) path += `?${query.join("&")}`;
  const success = operation.responses.find((r) => r.status.startsWith("2"));
  const request: SampleRequest = {
    method: operation.method as SampleRequest["method"],
    path,
    anonymous: operation.scopes === null,
    emptyResponse: success?.status === "204",
    stream: isStream(operation),
  };
  if (operation.requestBody) request.body = operation.requestBody.example;
  // A key can never call a dashboard-only operation: its documented 403 is the expected answer.
  const documented = operation.responses
    .map((r) => Number(r.status))
    .filter((status) => Number.isInteger(status) && status < 500)
    .filter((status) => (operation.dashboardOnly ? status === 403 : !NEVER_EXPECTED.has(status)));
  return {
    id: `op-${operation.anchor}`,
    title: operation.summary,
    operation: operationKey(operation.method, operation.path),
    request,
    expect: { status: documented },
    fixtures: Object.keys(fixtures).length > 0 ? fixtures : undefined,
  };
}

const handWritten = new Map(
  SAMPLES.filter((s) => s.reference && s.operation).map((s) => [s.operation as string, s]),
);

/** The example shown (and tested) for an operation: a hand-written one if any, else generated. */
export function sampleForOperation(doc: OpenApiDocument, operation: ApiOperation): DocSample {
  return (
    handWritten.get(operationKey(operation.method, operation.path)) ??
    generatedSample(doc, operation)
  );
}
