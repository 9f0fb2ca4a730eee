import { execFile, execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { build } from "esbuild";
import { matchPathTemplate } from "@/cli/command-line";
import { shapeProblems } from "@/lib/docs/json-shape";
import type { JsonSchema, OpenApiDocument, ResponseObject } from "@/lib/docs/openapi-types";
import { isReference } from "@/lib/docs/openapi-types";
import { withBaseUrl } from "@/lib/docs/sample-code";
import type { DocSample, FixtureKind } from "@/lib/docs/samples";
import { SAMPLES } from "@/lib/docs/samples";
import {
  buildDocsSite,
  type DocsSite,
  expectsOnlyErrors,
  type SampleCode,
  sampleCode,
  shownSamples,
} from "@/lib/docs/site";
import { addMember } from "../support/admin";

/**
 * Doc tests: every sample the docs show (the guides' hand-written ones and one per operation in
 * the reference) is run as written against the production build, with a real sandbox key, in
 * each of its tabs: curl, JavaScript, the SDK (its source, bundled as the package's import) and
 * the built `cloud` CLI. Each answer is held to the sample's expected status and to the shape
 * the OpenAPI document gives for that status; the SDK and CLI code made from a request must send
 * that same request. A sample that stops working fails here.
 */

const run = promisify(execFile);
const root = process.cwd();
const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
const work = mkdtempSync(path.join(tmpdir(), "cap-doc-samples-"));
// JavaScript samples import packages a reader installs (eventsource-parser): let Node find them.
symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
const cliBundle = path.join(root, "dist/cloud.js");

let baseURL: string;
let apiKey: string;
/** The doc-samples organization's slug, for admin commands. */
let organization: string;
let doc: OpenApiDocument;
let site: DocsSite;

function admin(args: string[]): string[] {
  const output = execFileSync("npm", ["run", "--silent", "admin", "--", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "error" },
    encoding: "utf8",
    timeout: 90_000,
  });
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

test.beforeAll(async ({ request }, testInfo) => {
  baseURL = testInfo.project.use.baseURL ?? "";
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const userLine = admin([
    "create-user",
    "--email",
    `doc-samples-${suffix}@example.com`,
    "--password",
    `doc-samples-password-${suffix}`,
    "--org",
    `Doc samples ${suffix}`,
  ]).find((line) => line.startsWith("{"));
  organization = (JSON.parse(userLine ?? "{}") as { organization?: string }).organization ?? "";
  expect(organization, "admin create-user printed the organization").toBeTruthy();
  const keyLine = admin([
    "create-key",
    "--org",
    organization,
    "--env",
    "test",
    "--scopes",
    "all",
    "--name",
    "doc samples",
  ]).find((line) => line.startsWith("sk_test_"));
  expect(keyLine, "admin create-key printed a sandbox key").toBeTruthy();
  apiKey = keyLine as string;
  const response = await request.get("/v1/openapi.json");
  expect(response.status()).toBe(200);
  doc = (await response.json()) as OpenApiDocument;
  site = buildDocsSite(doc);
});

test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A name (or e-mail address) like the example, that no other run uses. */
function uniqueLike(example: string): string {
  const suffix = Math.random().toString(36).slice(2, 8);
  const at = example.indexOf("@");
  return at < 0 ? `${example}-${suffix}` : `${example.slice(0, at)}-${suffix}${example.slice(at)}`;
}

let developerMember: Promise<string> | undefined;

/**
 * A developer of the doc-samples organization (members join by invitation in the portal, so
 * the admin command adds one), made once: the member samples only change its role. The promise
 * is kept, so clients running at once share the one member.
 */
function developerMemberId(): Promise<string> {
  developerMember ??= addDeveloperMember();
  return developerMember;
}

async function addDeveloperMember(): Promise<string> {
  const email = uniqueLike("doc-member@example.com");
  await addMember(organization, email, "developer", `doc-member-password-${Date.now()}`);
  const response = await fetch(`${baseURL}/v1/members?limit=100`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  const json = (await response.json()) as { data?: { id: string; email: string }[] };
  const id = json.data?.find((m) => m.email === email)?.id;
  expect(id, `fixture member: ${JSON.stringify(json)}`).toMatch(/^mem_/);
  return id as string;
}

/** Creates a real object of the kind a sample's example id stands for, with the sandbox key. */
async function createFixture(kind: FixtureKind): Promise<string> {
  if (kind === "unique_name") return uniqueLike("doc-fixture");
  if (kind === "member") return developerMemberId();
  if (kind === "event") return newestIdAfterChange("/v1/events", "evt_");
  if (kind === "audit_log") return newestIdAfterChange("/v1/audit-logs", "aud_");
  if (kind === "request_log") {
    // Request logs are written in batches at least once a second.
    await createFixture("instance");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    return newestIdAfterChange("/v1/request-logs", "req_");
  }
  const name = `doc-fixture-${Math.random().toString(36).slice(2, 8)}`;
  const create: Record<
    Exclude<FixtureKind, "event" | "audit_log" | "request_log" | "member" | "unique_name">,
    { path: string; body: unknown }
  > = {
    instance: { path: "/v1/instances", body: { name } },
    volume: { path: "/v1/volumes", body: { name, spec: { size_gb: 10 } } },
    bucket: { path: "/v1/buckets", body: { name } },
    network: { path: "/v1/networks", body: { name } },
    load_balancer: { path: "/v1/load-balancers", body: { name } },
    api_key: { path: "/v1/api-keys", body: { name, scopes: ["resources:read"] } },
    webhook_endpoint: {
      path: "/v1/webhook-endpoints",
      body: { url: `https://example.com/webhooks/${name}`, enabled_events: ["webhook.test"] },
    },
    // A long bake keeps it active for the whole run, so pause, cancel and rollback apply.
    deployment: {
      path: "/v1/deployments",
      body: {
        service: name,
        template: { count: 1 },
        regions: ["us-east-1"],
        strategy: { type: "rolling", bake_seconds: 600 },
      },
    },
    invitation: {
      path: "/v1/invitations",
      body: { email: `${name}@example.com`, role: "viewer" },
    },
  };
  const { path: url, body } = create[kind];
  const response = await fetch(`${baseURL}${url}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { id?: string };
  expect(response.status, `fixture ${kind} via POST ${url}: ${JSON.stringify(json)}`).toBe(201);
  return json.id as string;
}

/**
 * Events and audit entries are made by a change: create an instance, then take the newest id
 * of the list.
 */
async function newestIdAfterChange(list: string, prefix: string): Promise<string> {
  await createFixture("instance");
  const response = await fetch(`${baseURL}${list}?limit=1`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
  const json = (await response.json()) as { data?: { id: string }[] };
  const id = json.data?.[0]?.id;
  expect(id, `fixture via GET ${list}: ${JSON.stringify(json)}`).toMatch(new RegExp(`^${prefix}`));
  return id as string;
}

/** The sample's code in every tab, and its request path, with real objects for its example ids. */
async function codeWithFixtures(
  sample: DocSample,
): Promise<SampleCode & { path: string; body: unknown }> {
  let { curl, javascript, sdk, cli } = sampleCode(sample);
  let samplePath = sample.request.path;
  let body = JSON.stringify(sample.request.body);
  for (const [exampleId, kind] of Object.entries(sample.fixtures ?? {})) {
    const id = kind === "unique_name" ? uniqueLike(exampleId) : await createFixture(kind);
    curl = curl.replaceAll(exampleId, id);
    javascript = javascript.replaceAll(exampleId, id);
    sdk = sdk?.replaceAll(exampleId, id) ?? null;
    cli = cli?.replaceAll(exampleId, id) ?? null;
    samplePath = samplePath.replaceAll(exampleId, id);
    body = body?.replaceAll(exampleId, id);
  }
  const at = (code: string | null) => (code === null ? null : withBaseUrl(code, baseURL));
  return {
    curl: withBaseUrl(curl, baseURL),
    javascript: withBaseUrl(javascript, baseURL),
    sdk: at(sdk),
    cli: at(cli),
    path: samplePath,
    body: body === undefined ? undefined : JSON.parse(body),
  };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The request answered, where known (a script's last curl, a recorded fetch). */
  request?: { method: string; url: string };
}

/** What a JavaScript, SDK or CLI sample sent, as its fetch recorded it. */
interface Sent {
  method: string;
  url: string;
  body: string;
  idempotencyKey: string | null;
}

type Recorded = Answer & { request: Sent };

function parseHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Runs the curl sample as written, adding only flags that capture the answer for checking (to
 * its last command: a hand-written script may print and call before it).
 */
async function runCurl(code: string, sample: DocSample): Promise<Answer> {
  const bodyFile = path.join(work, `${sample.id}.body`);
  const headerFile = path.join(work, `${sample.id}.headers`);
  const script = `${code} --silent --show-error --output '${bodyFile}' --dump-header '${headerFile}' --write-out '\\n%{http_code} %{method} %{url_effective}'`;
  let stdout = "";
  try {
    ({ stdout } = await run("bash", ["-c", script], {
      env: { ...process.env, CLOUD_API_KEY: apiKey },
      timeout: 60_000,
    }));
  } catch (error) {
    // curl --max-time on a stream exits 28 after the answer started: that is the sample's intent.
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    if (!(sample.request.stream && failure.code === 28))
      throw new Error(`curl failed: ${failure.stderr}`);
    stdout = failure.stdout ?? "";
  }
  const blocks = readFileSync(headerFile, "utf8")
    .trim()
    .split(/\r?\n\r?\n/);
  let body = readFileSync(bodyFile, "utf8");
  // With -i the headers are in the output too; the body follows the last header block.
  if (sample.request.showHeaders)
    body = body
      .split(/\r?\n\r?\n/)
      .slice(blocks.length)
      .join("\n\n");
  const [status = "", method = "", url = ""] = (stdout.trim().split("\n").at(-1) ?? "").split(" ");
  return {
    status: Number(status),
    headers: parseHeaderBlock(blocks[blocks.length - 1] ?? ""),
    body,
    request: { method, url },
  };
}

/**
 * Preloaded (node --import) into every JavaScript, SDK and CLI run: wraps fetch to record each
 * request and its answer, and writes them to RECORD_FILE when the process exits, however it ends.
 */
const RECORDER = `
import { readFileSync, writeFileSync } from "node:fs";
const recorded = [];
const original = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const sent = {
    method: request.method,
    url: request.url,
    body: await request.clone().text(),
    idempotencyKey: request.headers.get("idempotency-key"),
  };
  const response = await original(request);
  const answer = { status: response.status, headers: Object.fromEntries(response.headers), body: "", request: sent };
  recorded.push(answer);
  if (!(response.headers.get("content-type") ?? "").includes("event-stream")) {
    answer.body = await response.clone().text();
  }
  return response;
};
// A script runs several processes (a CLI sample's cloud commands) one after the other: each
// adds its requests to those of the ones before.
process.on("exit", () => {
  let earlier = [];
  try { earlier = JSON.parse(readFileSync(process.env.RECORD_FILE, "utf8")); } catch {}
  writeFileSync(process.env.RECORD_FILE, JSON.stringify([...earlier, ...recorded]));
});
`;
const recorderFile = path.join(work, "recorder.mjs");
writeFileSync(recorderFile, RECORDER);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  recorded: Recorded[];
}

/** Runs a command with the recorder's file in its environment; a non-zero exit is returned. */
async function recordedRun(
  file: string,
  args: string[],
  env: Record<string, string>,
  label: string,
): Promise<Run> {
  const recordFile = path.join(work, `${label}.record.json`);
  rmSync(recordFile, { force: true });
  let result: { code: number; stdout: string; stderr: string };
  try {
    const { stdout, stderr } = await run(file, args, {
      env: { ...process.env, CLOUD_API_KEY: apiKey, RECORD_FILE: recordFile, ...env },
      timeout: 60_000,
    });
    result = { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failure.code !== "number") throw error;
    result = { code: failure.code, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
  expect(existsSync(recordFile), `${label} ran; stderr: ${result.stderr}`).toBe(true);
  const recorded = JSON.parse(readFileSync(recordFile, "utf8")) as Recorded[];
  return { ...result, recorded };
}

/** Runs a JavaScript (or bundled SDK) sample as an ES module in Node. */
async function runModule(source: string, label: string): Promise<Run> {
  const file = path.join(work, `${label}.mjs`);
  writeFileSync(file, source);
  return recordedRun(process.execPath, ["--import", recorderFile, file], {}, label);
}

/** The SDK sample bundled with the SDK's source standing in for the published package. */
async function bundleSdkSample(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, sourcefile: "sample.mjs", loader: "js" },
    alias: { "@cloud-api-platform/sdk": "./sdk/index.ts" },
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}

const cliBin = path.join(work, "bin");
mkdirSync(cliBin);
writeFileSync(
  path.join(cliBin, "cloud"),
  `#!/bin/sh\nexec "${process.execPath}" --import "${recorderFile}" "${cliBundle}" "$@"\n`,
  { mode: 0o755 },
);

/** Runs a CLI sample in bash, with `cloud` the built bundle, configured by the environment only. */
function runCliSample(code: string, label: string): Promise<Run> {
  return recordedRun(
    "bash",
    ["-c", code],
    {
      PATH: `${cliBin}:${process.env.PATH ?? ""}`,
      CLOUD_API_URL: baseURL,
      XDG_CONFIG_HOME: path.join(work, "config"),
      NO_COLOR: "1",
    },
    label,
  );
}

/** The request made from a sample's request: same method, path, query (any order) and body. */
function expectSameRequest(
  sent: Sent | undefined,
  sample: DocSample,
  wanted: { path: string; body: unknown },
  label: string,
) {
  expect(sent, `${label} sent a request`).toBeDefined();
  const url = new URL(sent?.url ?? "");
  const wantedUrl = new URL(wanted.path, baseURL);
  const sorted = (params: URLSearchParams) => [...params].sort(([a], [b]) => a.localeCompare(b));
  expect(sent?.method, label).toBe(sample.request.method);
  expect(url.pathname, label).toBe(wantedUrl.pathname);
  expect(sorted(url.searchParams), label).toEqual(sorted(wantedUrl.searchParams));
  const body = sent?.body ? (JSON.parse(sent.body) as unknown) : undefined;
  expect(body, label).toEqual(wanted.body);
  const key = Object.entries(sample.request.headers ?? {}).find(
    ([name]) => name.toLowerCase() === "idempotency-key",
  )?.[1];
  if (key) expect(sent?.idempotencyKey, label).toBe(key);
}

/**
 * The documented operation a request went to ("GET /v1/deployments/{id}"): a sample of several
 * calls (a CI job) has each answer held to its own operation. Fixed paths win over templates.
 */
function operationOf(request: Answer["request"]): string | null {
  if (!request?.method || !request.url) return null;
  const pathname = new URL(request.url).pathname.replace(/^\/sandbox(?=\/v1\/)/, "");
  const templates = Object.keys(doc.paths ?? {}).sort(
    (a, b) => a.split("{").length - b.split("{").length,
  );
  const method = request.method.toLowerCase() as "get";
  const template = templates.find(
    (t) => doc.paths?.[t]?.[method] && matchPathTemplate(t, pathname) !== null,
  );
  return template ? `${request.method.toUpperCase()} ${template}` : null;
}

/** The documented response of an operation for a status. */
function documentedResponse(operationKey: string, status: number): ResponseObject | undefined {
  const [method, route] = operationKey.split(" ");
  const operation = doc.paths?.[route ?? ""]?.[method?.toLowerCase() as "get"];
  let response = operation?.responses?.[String(status)];
  if (response && isReference(response)) {
    const name = response.$ref.split("/").pop() ?? "";
    response = doc.components?.responses?.[name];
  }
  return response as ResponseObject | undefined;
}

function documentedSchema(operationKey: string | null, status: number): JsonSchema | null {
  const problem = doc.components?.schemas?.Problem
    ? { $ref: "#/components/schemas/Problem" }
    : null;
  if (!operationKey) return status >= 400 ? problem : null;
  const content = documentedResponse(operationKey, status)?.content;
  const media = content?.["application/json"] ?? content?.["application/problem+json"];
  return media?.schema ?? (status >= 400 ? problem : null);
}

function check(sample: DocSample, answer: Answer, language: string): void {
  const operation = operationOf(answer.request) ?? sample.operation;
  const label = `${sample.id} (${language}) answered ${answer.status}: ${answer.body.slice(0, 300)}`;
  const allowed = Array.isArray(sample.expect.status)
    ? sample.expect.status
    : [sample.expect.status];
  expect(allowed, label).toContain(answer.status);
  expect(answer.headers["x-request-id"], label).toMatch(/^req_/);
  for (const header of sample.expect.headers ?? [])
    expect(answer.headers[header.toLowerCase()], `${label}: ${header}`).toBeTruthy();
  if (answer.status === 204 || sample.request.stream) return;
  const type = answer.headers["content-type"] ?? "";
  if (type.startsWith("text/csv") && operation) {
    // A CSV download (format=csv): documented as such, and at least its header row.
    const content = documentedResponse(operation, answer.status)?.content ?? {};
    expect(Object.keys(content), label).toContain("text/csv");
    expect(answer.body.split("\n")[0], label).toMatch(/^[a-z_]+(,[a-z_.]+)+\r?$/);
    return;
  }
  expect(type, label).toMatch(
    answer.status >= 400 ? /application\/problem\+json/ : /application\/json/,
  );
  const body = JSON.parse(answer.body) as unknown;
  const schema = documentedSchema(operation, answer.status);
  expect(schema, `${label}: status ${answer.status} is documented`).not.toBeNull();
  expect(shapeProblems(doc, schema as JsonSchema, body), label).toEqual([]);
}

/** An exit code a run may end with: 0, or 1 when its last answer was an expected error. */
function expectExit(result: Run, label: string): void {
  const last = result.recorded.at(-1)?.status ?? 0;
  const allowed = last >= 400 ? [0, 1] : [0];
  expect(allowed, `${label} exited ${result.code}; stderr: ${result.stderr}`).toContain(
    result.code,
  );
}

/**
 * A sample's four clients. A read (GET) changes nothing, so its clients run at the same time; a
 * write runs them one after another (a fixed Idempotency-Key would otherwise race itself).
 */
async function runSample(sample: DocSample): Promise<void> {
  const clients: Array<() => Promise<void>> = [
    () =>
      test.step(`${sample.id}: curl`, async () => {
        const { curl } = await codeWithFixtures(sample);
        check(sample, await runCurl(curl, sample), "curl");
      }),
    () =>
      test.step(`${sample.id}: JavaScript`, async () => {
        const { javascript } = await codeWithFixtures(sample);
        const result = await runModule(javascript, `${sample.id}-js`);
        expect(result.code, `${sample.id} (JavaScript): ${result.stderr}`).toBe(0);
        expect(result.recorded.length, `${sample.id} made a request`).toBeGreaterThan(0);
        for (const answer of result.recorded) check(sample, answer, "JavaScript");
      }),
    () =>
      test.step(`${sample.id}: SDK`, async () => {
        const { sdk, ...wanted } = await codeWithFixtures(sample);
        if (sdk === null) return;
        const result = await runModule(await bundleSdkSample(sdk), `${sample.id}-sdk`);
        // A generated sample whose answer was an expected error ends with the SDK's CloudApiError.
        if (result.code !== 0) expect(result.stderr, sample.id).toContain("CloudApiError");
        expectExit(result, `${sample.id} (SDK)`);
        if (expectsOnlyErrors(sample))
          expect(result.code, `${sample.id} catches the error`).toBe(0);
        expect(result.recorded.length, `${sample.id} (SDK) made a request`).toBeGreaterThan(0);
        for (const answer of result.recorded) check(sample, answer, "SDK");
        if (sample.sdk === undefined)
          expectSameRequest(result.recorded[0]?.request, sample, wanted, `${sample.id} (SDK)`);
      }),
    () =>
      test.step(`${sample.id}: CLI`, async () => {
        const { cli, ...wanted } = await codeWithFixtures(sample);
        if (cli === null) return;
        const result = await runCliSample(cli, `${sample.id}-cli`);
        expectExit(result, `${sample.id} (CLI)`);
        if (result.code === 1) expect(result.stderr, sample.id).toMatch(/Request id: req_/);
        expect(result.recorded.length, `${sample.id} (CLI) made a request`).toBeGreaterThan(0);
        for (const answer of result.recorded) check(sample, answer, "CLI");
        expectSameRequest(result.recorded[0]?.request, sample, wanted, `${sample.id} (CLI)`);
      }),
  ];
  if (sample.request.method !== "GET") {
    for (const client of clients) await client();
    return;
  }
  const settled = await Promise.allSettled(clients.map((client) => client()));
  const failed = settled.find((result) => result.status === "rejected");
  if (failed) throw failed.reason;
}

test("the CLI bundle is built", () => {
  expect(existsSync(cliBundle), "npm run build makes dist/cloud.js").toBe(true);
});

for (const sample of SAMPLES) {
  test(`guide sample ${sample.id} works as written`, async () => {
    const shown = shownSamples(site).some((s) => s.id === sample.id);
    test.skip(
      !shown,
      `${sample.operation} is not in this build's OpenAPI document, so the docs do not show it`,
    );
    await runSample(sample);
  });
}

/**
 * DOC_SAMPLES=deployments,events-stream runs only the reference samples whose id contains one of
 * the words (a quick check of the operations a change touched); unset, every one runs.
 */
const onlySamples = (process.env.DOC_SAMPLES ?? "")
  .split(",")
  .map((word) => word.trim())
  .filter(Boolean);

/**
 * The generated samples (about 90 operations, four clients each) run in parts, each its own test
 * with its own time budget, so a slow or failing part is retried alone and the list shows progress.
 */
const REFERENCE_PARTS = 8;
for (let part = 0; part < REFERENCE_PARTS; part++) {
  test(`reference samples, part ${part + 1} of ${REFERENCE_PARTS}, work as written`, async () => {
    // The stream's SDK and CLI samples read for 5 s each.
    test.setTimeout(180_000);
    const handWritten = new Set(SAMPLES.map((s) => s.id));
    const generated = shownSamples(site).filter(
      (s) =>
        !handWritten.has(s.id) &&
        (onlySamples.length === 0 || onlySamples.some((word) => s.id.includes(word))),
    );
    expect(generated.length + handWritten.size).toBeGreaterThan(0);
    for (const sample of generated.filter((_, index) => index % REFERENCE_PARTS === part))
      await runSample(sample);
  });
}
