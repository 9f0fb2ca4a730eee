import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { shapeProblems } from "@/lib/docs/json-shape";
import type { JsonSchema, OpenApiDocument, ResponseObject } from "@/lib/docs/openapi-types";
import { isReference } from "@/lib/docs/openapi-types";
import { withBaseUrl } from "@/lib/docs/sample-code";
import type { DocSample, FixtureKind } from "@/lib/docs/samples";
import { SAMPLES } from "@/lib/docs/samples";
import { buildDocsSite, type DocsSite, sampleCode, shownSamples } from "@/lib/docs/site";

/**
 * Doc tests: every curl and JavaScript sample the docs show (the guides' hand-written ones and
 * one per operation in the reference) is run as written against the production build, with a
 * real sandbox key, and each answer is held to the sample's expected status and to the shape the
 * OpenAPI document gives for that status. A sample that stops working fails here.
 */

const run = promisify(execFile);
const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
const work = mkdtempSync(path.join(tmpdir(), "cap-doc-samples-"));

let baseURL: string;
let apiKey: string;
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

test.describe.configure({ mode: "serial" });

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
  const organization = (JSON.parse(userLine ?? "{}") as { organization?: string }).organization;
  expect(organization, "admin create-user printed the organization").toBeTruthy();
  const keyLine = admin([
    "create-key",
    "--org",
    organization as string,
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

/** Creates a real object of the kind a sample's example id stands for, with the sandbox key. */
async function createFixture(kind: FixtureKind): Promise<string> {
  const name = `doc-fixture-${Math.random().toString(36).slice(2, 8)}`;
  const create: Record<FixtureKind, { path: string; body: unknown }> = {
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

async function codeWithFixtures(sample: DocSample): Promise<{ curl: string; javascript: string }> {
  let { curl, javascript } = sampleCode(sample);
  for (const [exampleId, kind] of Object.entries(sample.fixtures ?? {})) {
    const id = await createFixture(kind);
    curl = curl.replaceAll(exampleId, id);
    javascript = javascript.replaceAll(exampleId, id);
  }
  return { curl: withBaseUrl(curl, baseURL), javascript: withBaseUrl(javascript, baseURL) };
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parseHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/).slice(1)) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Runs the curl sample as written, adding only flags that capture the answer for checking. */
async function runCurl(code: string, sample: DocSample): Promise<Answer> {
  const bodyFile = path.join(work, `${sample.id}.body`);
  const headerFile = path.join(work, `${sample.id}.headers`);
  const script = `${code} --silent --show-error --output '${bodyFile}' --dump-header '${headerFile}' --write-out '%{http_code}'`;
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
  return {
    status: Number(stdout.trim()),
    headers: parseHeaderBlock(blocks[blocks.length - 1] ?? ""),
    body,
  };
}

const FETCH_RECORDER = `
const __answers = [];
const __fetch = globalThis.fetch;
globalThis.fetch = async (...args) => {
  const response = await __fetch(...args);
  const answer = { status: response.status, headers: Object.fromEntries(response.headers), body: "" };
  __answers.push(answer);
  if (!(response.headers.get("content-type") ?? "").includes("event-stream")) {
    answer.pending = response.clone().text().then((text) => { answer.body = text; });
  }
  return response;
};
`;
const FETCH_REPORT = `
await Promise.all(__answers.map((a) => a.pending));
process.stderr.write("\\n@@answers@@" + JSON.stringify(__answers.map(({ pending, ...a }) => a)) + "\\n");
`;

/** Runs the JavaScript sample as an ES module in Node, recording every answer fetch received. */
async function runJavaScript(code: string): Promise<Answer[]> {
  const source = `${FETCH_RECORDER}\n${code}\n${FETCH_REPORT}`;
  const { stderr } = await run(process.execPath, ["--input-type=module", "-e", source], {
    env: { ...process.env, CLOUD_API_KEY: apiKey },
    timeout: 60_000,
  });
  const line = stderr.split("\n").find((l) => l.startsWith("@@answers@@"));
  expect(line, `the sample finished; stderr: ${stderr}`).toBeTruthy();
  return JSON.parse((line as string).slice("@@answers@@".length)) as Answer[];
}

function documentedSchema(sample: DocSample, status: number): JsonSchema | null {
  const problem = doc.components?.schemas?.Problem
    ? { $ref: "#/components/schemas/Problem" }
    : null;
  if (!sample.operation) return status >= 400 ? problem : null;
  const [method, route] = sample.operation.split(" ");
  const operation = doc.paths?.[route ?? ""]?.[method?.toLowerCase() as "get"];
  let response = operation?.responses?.[String(status)];
  if (response && isReference(response)) {
    const name = response.$ref.split("/").pop() ?? "";
    response = doc.components?.responses?.[name];
  }
  const content = (response as ResponseObject | undefined)?.content;
  const media = content?.["application/json"] ?? content?.["application/problem+json"];
  return media?.schema ?? (status >= 400 ? problem : null);
}

function check(sample: DocSample, answer: Answer, language: string): void {
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
  expect(type, label).toMatch(
    answer.status >= 400 ? /application\/problem\+json/ : /application\/json/,
  );
  const body = JSON.parse(answer.body) as unknown;
  const schema = documentedSchema(sample, answer.status);
  expect(schema, `${label}: status ${answer.status} is documented`).not.toBeNull();
  expect(shapeProblems(doc, schema as JsonSchema, body), label).toEqual([]);
}

async function runSample(sample: DocSample): Promise<void> {
  await test.step(`${sample.id}: curl`, async () => {
    const { curl } = await codeWithFixtures(sample);
    check(sample, await runCurl(curl, sample), "curl");
  });
  await test.step(`${sample.id}: JavaScript`, async () => {
    const { javascript } = await codeWithFixtures(sample);
    const answers = await runJavaScript(javascript);
    expect(answers.length, `${sample.id} made a request`).toBeGreaterThan(0);
    for (const answer of answers) check(sample, answer, "JavaScript");
  });
}

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

test("every reference sample (one per operation) works as written", async () => {
  const handWritten = new Set(SAMPLES.map((s) => s.id));
  const generated = shownSamples(site).filter((s) => !handWritten.has(s.id));
  expect(generated.length + handWritten.size).toBeGreaterThan(0);
  for (const sample of generated) await runSample(sample);
});
