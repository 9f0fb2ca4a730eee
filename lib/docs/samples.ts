import { SDK_PACKAGE } from "@/sdk/version";
import { DEPLOYMENT_SAMPLES } from "./deployment-samples";
import { EVENT_SAMPLES } from "./event-samples";
import { BASE_URL_TOKEN, fetchCallFor, type SampleRequest } from "./sample-code";
import { TEAM_SAMPLES } from "./team-samples";

/** Objects the doc tests create before running a sample, so its example ids point at real ones. */
export type FixtureKind =
  | "instance"
  | "volume"
  | "bucket"
  | "network"
  | "load_balancer"
  | "api_key"
  | "webhook_endpoint"
  | "event"
  | "audit_log"
  | "request_log"
  | "deployment"
  | "member"
  | "invitation"
  /** Not an object: a name or address no other run used (a service, an invitee's e-mail). */
  | "unique_name";

export interface DocSample {
  id: string;
  /** The caption above the code. */
  title: string;
  /**
   * The documented operation it calls ("GET /v1/resources/{id}"), or null for an answer that is
   * not an operation (an unknown version's 404). A sample whose operation is not in the API's
   * OpenAPI document is not shown, so the docs never show a call the product does not answer.
   */
  operation: string | null;
  request: SampleRequest;
  /** Hand-written JavaScript where the single call is not the point (paging, retries). */
  javascript?: string;
  /**
   * Hand-written SDK code where the SDK has a better way than one call (paginate, its own
   * retries); otherwise it is made from the request (client-code.ts). null: no SDK tab.
   */
  sdk?: string | null;
  /**
   * A hand-written shell script where one call is not the point (a CI job that plans, deploys and
   * waits). The doc tests run it as written and check the answer of its last command, which must
   * be a curl call (they append the flags that capture its answer).
   */
  curl?: string;
  /**
   * Hand-written `cloud` commands (several calls; the first must send `request`), or null: no
   * CLI tab, where the CLI cannot show what the sample is about (headers).
   */
  cli?: string | null;
  /**
   * What the doc tests require of every answer: its status (one, or any of a list for samples
   * made from the OpenAPI document) and headers that must be there.
   */
  expect: { status: number | number[]; headers?: string[] };
  /** Example ids in the code that the doc tests replace with objects they create first. */
  fixtures?: Record<string, FixtureKind>;
  /** Shown as the example of its operation in the API reference too. */
  reference?: boolean;
}

/** Example ids used in samples; the tests swap them for real ones. */
export const EXAMPLE_IDS = {
  resource: "res_Tn49WpXc2LmQ8vRb",
  volume: "res_Vq3Lm8Xw2KpB7cZt",
  key: "key_5XqT8mR2vN9pL4wZ",
  webhookEndpoint: "we_8Rk2Vn5QpX7mLc3T",
} as const;

const auth = `{ Authorization: \`Bearer \${process.env.CLOUD_API_KEY}\` }`;

const paginationWalk = `const base = "${BASE_URL_TOKEN}/v1/resources";
const headers = ${auth};
const everything = [];
let url = \`\${base}?limit=2\`;
while (url) {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(\`HTTP \${response.status}\`);
  const { data, meta } = await response.json();
  everything.push(...data);
  url = meta.has_more
    ? \`\${base}?limit=2&cursor=\${encodeURIComponent(meta.next_cursor)}\`
    : null;
}
console.log(\`\${everything.length} resources\`);`;

const backoff = `// Retries 429 and 5xx answers: never before Retry-After, with exponential
// back-off and random jitter so many clients do not all retry at the same instant.
async function fetchWithRetry(url, options, attempts = 5) {
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(url, options);
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt === attempts) return response;
    const retryAfter = Number(response.headers.get("Retry-After")) || 0;
    const spread = Math.min(30_000, 500 * 2 ** attempt);
    const delay = retryAfter * 1000 + Math.random() * spread;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

const response = await fetchWithRetry("${BASE_URL_TOKEN}/v1/resources", {
  headers: ${auth},
});
console.log(response.status, await response.json());`;

/** Prints the rate-limit headers of `response` (after a fetch or an SDK call). */
const printRateLimitHeaders = `for (const name of [
  "X-RateLimit-Limit",
  "X-RateLimit-Remaining",
  "X-RateLimit-Reset",
  "RateLimit-Policy",
  "RateLimit",
]) {
  console.log(\`\${name}: \${response.headers.get(name)}\`);
}`;

const rateLimitHeaders = `${fetchCallFor({ method: "GET", path: "/v1/regions" })}
${printRateLimitHeaders}`;

const replayCheck = `${fetchCallFor({
  method: "POST",
  path: "/v1/resources",
  headers: { "Idempotency-Key": "create-analytics-pipeline-0001" },
  body: { name: "Analytics Pipeline", region: "eu-west-1" },
})}
// "true" when this answer is the stored one from an earlier attempt.
console.log(response.status, response.headers.get("Idempotent-Replayed"));
console.log(await response.json());`;

const sdkClient = (options = "") =>
  `import { createClient } from "${SDK_PACKAGE}";

const cloud = createClient({ baseUrl: "${BASE_URL_TOKEN}"${options} });`;

const sdkPaginate = `${sdkClient()}
// paginate() follows meta.next_cursor until has_more is false.
const everything = [];
for await (const resource of cloud.paginate("/v1/resources", {}, { pageSize: 2 })) {
  everything.push(resource);
}
console.log(\`\${everything.length} resources\`);`;

const sdkRetries = `// The SDK retries 429, 5xx and dropped connections by itself (GETs, and POSTs that
// carry an idempotency key): never before Retry-After, with exponential back-off and jitter.
${sdkClient(", retry: { maxRetries: 5 }")}
const { data } = await cloud.GET("/v1/resources");
console.log(data);`;

const sdkRateLimitHeaders = `${sdkClient()}
const { response } = await cloud.GET("/v1/regions");
${printRateLimitHeaders}`;

const sdkReplayCheck = `${sdkClient()}
// Every POST gets a key of the SDK's own, kept across its retries; give yours to make a
// create safe to repeat across runs of your program.
const { data, response } = await cloud.POST("/v1/resources", {
  body: { name: "Analytics Pipeline", region: "eu-west-1" },
  idempotencyKey: "create-analytics-pipeline-0001",
});
console.log(response.status, response.headers.get("Idempotent-Replayed"));
console.log(data);`;

export const SAMPLES: readonly DocSample[] = [
  {
    id: "list-resources",
    title: "List your resources",
    operation: "GET /v1/resources",
    request: { method: "GET", path: "/v1/resources" },
    expect: { status: 200 },
    reference: true,
  },
  {
    id: "create-resource",
    title: "Create a resource",
    operation: "POST /v1/resources",
    request: {
      method: "POST",
      path: "/v1/resources",
      body: { name: "Analytics Pipeline", region: "eu-west-1" },
    },
    expect: { status: 201 },
    reference: true,
  },
  {
    id: "get-resource",
    title: "Get one resource",
    operation: "GET /v1/resources/{id}",
    request: { method: "GET", path: `/v1/resources/${EXAMPLE_IDS.resource}` },
    expect: { status: 200 },
    fixtures: { [EXAMPLE_IDS.resource]: "instance" },
    reference: true,
  },
  {
    id: "delete-resource",
    title: "Delete a resource",
    operation: "DELETE /v1/resources/{id}",
    request: {
      method: "DELETE",
      path: `/v1/resources/${EXAMPLE_IDS.resource}`,
      emptyResponse: true,
    },
    expect: { status: 204 },
    fixtures: { [EXAMPLE_IDS.resource]: "instance" },
    reference: true,
  },
  {
    id: "missing-key",
    title: "A request without a key",
    operation: "GET /v1/resources",
    request: { method: "GET", path: "/v1/resources", anonymous: true },
    expect: { status: 401, headers: ["WWW-Authenticate"] },
  },
  {
    id: "not-found",
    title: "Asking for something that is not there",
    operation: "GET /v1/resources/{id}",
    request: { method: "GET", path: "/v1/resources/res_0000000000000000" },
    expect: { status: 404 },
  },
  {
    id: "validation-failed",
    title: "A body that fails validation",
    operation: "POST /v1/resources",
    request: { method: "POST", path: "/v1/resources", body: { region: "eu-west-1" } },
    expect: { status: 422 },
  },
  {
    id: "cursor-first-page",
    title: "The first page, two at a time",
    operation: "GET /v1/resources",
    request: { method: "GET", path: "/v1/resources?limit=2" },
    javascript: paginationWalk,
    sdk: sdkPaginate,
    expect: { status: 200 },
  },
  {
    id: "page-mode",
    title: "Page 2 with 50 per page",
    operation: "GET /v1/resources",
    request: { method: "GET", path: "/v1/resources?page=2&per_page=50" },
    expect: { status: 200 },
  },
  {
    id: "bad-limit",
    title: "A limit out of range",
    operation: "GET /v1/resources",
    request: { method: "GET", path: "/v1/resources?limit=500" },
    expect: { status: 400 },
  },
  {
    id: "rate-limit-headers",
    title: "Reading the rate-limit headers",
    operation: "GET /v1/regions",
    request: { method: "GET", path: "/v1/regions", showHeaders: true },
    javascript: rateLimitHeaders,
    sdk: sdkRateLimitHeaders,
    cli: null,
    expect: {
      status: 200,
      headers: [
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
        "RateLimit-Policy",
        "RateLimit",
      ],
    },
  },
  {
    id: "retry-with-backoff",
    title: "Retrying with back-off and jitter",
    operation: "GET /v1/resources",
    request: { method: "GET", path: "/v1/resources", retries: 5 },
    javascript: backoff,
    sdk: sdkRetries,
    expect: { status: 200 },
  },
  {
    id: "idempotent-create",
    title: "A create that is safe to retry",
    operation: "POST /v1/resources",
    request: {
      method: "POST",
      path: "/v1/resources",
      headers: { "Idempotency-Key": "create-analytics-pipeline-0001" },
      body: { name: "Analytics Pipeline", region: "eu-west-1" },
      showHeaders: true,
    },
    javascript: replayCheck,
    sdk: sdkReplayCheck,
    expect: { status: 201 },
  },
  {
    id: "sandbox-list",
    title: "The same call on the sandbox path",
    operation: "GET /v1/resources",
    request: { method: "GET", path: "/sandbox/v1/resources" },
    expect: { status: 200 },
  },
  {
    id: "unknown-version",
    title: "A version that does not exist",
    operation: null,
    request: { method: "GET", path: "/v2/resources" },
    expect: { status: 404 },
  },
  {
    id: "list-regions",
    title: "List the regions",
    operation: "GET /v1/regions",
    request: { method: "GET", path: "/v1/regions" },
    expect: { status: 200 },
    reference: true,
  },
  {
    id: "create-volume",
    title: "Create a 100 GB volume",
    operation: "POST /v1/volumes",
    request: {
      method: "POST",
      path: "/v1/volumes",
      body: { name: "analytics-data", region: "eu-west-1", spec: { size_gb: 100 } },
    },
    expect: { status: 201 },
    reference: true,
  },
  {
    id: "create-key",
    title: "Create a read-only key",
    operation: "POST /v1/api-keys",
    request: {
      method: "POST",
      path: "/v1/api-keys",
      body: { name: "Reporting job", scopes: ["resources:read", "usage:read"] },
    },
    expect: { status: 201 },
    reference: true,
  },
  {
    id: "rotate-key",
    title: "Rotate a key, keeping the old secret for 24 hours",
    operation: "POST /v1/api-keys/{id}/rotate",
    request: {
      method: "POST",
      path: `/v1/api-keys/${EXAMPLE_IDS.key}/rotate`,
      body: { expires_in: "24h" },
    },
    expect: { status: 200 },
    fixtures: { [EXAMPLE_IDS.key]: "api_key" },
    reference: true,
  },
  {
    id: "revoke-key",
    title: "Revoke a key",
    operation: "POST /v1/api-keys/{id}/revoke",
    request: { method: "POST", path: `/v1/api-keys/${EXAMPLE_IDS.key}/revoke` },
    expect: { status: 200 },
    fixtures: { [EXAMPLE_IDS.key]: "api_key" },
    reference: true,
  },
  {
    id: "create-webhook-endpoint",
    title: "Register a webhook endpoint for resource events",
    operation: "POST /v1/webhook-endpoints",
    request: {
      method: "POST",
      path: "/v1/webhook-endpoints",
      body: {
        url: "https://example.com/webhooks/cloud",
        description: "Order service",
        enabled_events: ["resource.*"],
      },
    },
    expect: { status: 201 },
    reference: true,
  },
  {
    id: "rotate-webhook-secret",
    title: "Rotate an endpoint's signing secret",
    operation: "POST /v1/webhook-endpoints/{id}/rotate-secret",
    request: {
      method: "POST",
      path: `/v1/webhook-endpoints/${EXAMPLE_IDS.webhookEndpoint}/rotate-secret`,
    },
    expect: { status: 200 },
    fixtures: { [EXAMPLE_IDS.webhookEndpoint]: "webhook_endpoint" },
    reference: true,
  },
  {
    id: "enable-webhook-endpoint",
    title: "Re-enable a disabled endpoint",
    operation: "POST /v1/webhook-endpoints/{id}/enable",
    request: {
      method: "POST",
      path: `/v1/webhook-endpoints/${EXAMPLE_IDS.webhookEndpoint}/enable`,
    },
    expect: { status: 200 },
    fixtures: { [EXAMPLE_IDS.webhookEndpoint]: "webhook_endpoint" },
    reference: true,
  },
  {
    id: "send-test-webhook",
    title: "Send a test event",
    operation: "POST /v1/webhook-endpoints/{id}/test",
    request: {
      method: "POST",
      path: `/v1/webhook-endpoints/${EXAMPLE_IDS.webhookEndpoint}/test`,
    },
    expect: { status: 202 },
    fixtures: { [EXAMPLE_IDS.webhookEndpoint]: "webhook_endpoint" },
    reference: true,
  },
  {
    id: "list-webhook-deliveries",
    title: "An endpoint's latest deliveries",
    operation: "GET /v1/webhook-endpoints/{id}/deliveries",
    request: {
      method: "GET",
      path: `/v1/webhook-endpoints/${EXAMPLE_IDS.webhookEndpoint}/deliveries?limit=10`,
    },
    expect: { status: 200 },
    fixtures: { [EXAMPLE_IDS.webhookEndpoint]: "webhook_endpoint" },
    reference: true,
  },
  ...EVENT_SAMPLES,
  ...DEPLOYMENT_SAMPLES,
  ...TEAM_SAMPLES,
];

const byId = new Map(SAMPLES.map((sample) => [sample.id, sample]));

export function findSample(id: string): DocSample {
  const sample = byId.get(id);
  if (!sample) throw new Error(`no doc sample with id ${id}`);
  return sample;
}
