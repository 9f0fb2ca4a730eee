/**
 * The SDK and CLI tabs of a docs sample, made from the same request as its curl and JavaScript:
 * the SDK's typed call, and the `cloud` command line the CLI's own definitions give for it.
 */
import { commandLineFor, matchPathTemplate } from "@/cli/command-line";
import { SDK_PACKAGE } from "@/sdk/version";
import { BASE_URL_TOKEN, indent, type SampleRequest } from "./sample-code";

/** What the SDK and CLI samples of a request are made from. */
export interface ClientSampleInput {
  request: SampleRequest;
  /** "GET /v1/resources/{id}"; null for a request outside the API (an unknown version). */
  operation: string | null;
  /** Every expected answer is an error: the SDK sample shows catching CloudApiError. */
  expectsError: boolean;
}

function splitOperation(operation: string): { method: string; template: string } {
  const [method = "", template = ""] = operation.split(" ");
  return { method, template };
}

function withoutSandbox(pathname: string): { sandbox: boolean; pathname: string } {
  const sandbox = pathname.startsWith("/sandbox/");
  return { sandbox, pathname: sandbox ? pathname.slice("/sandbox".length) : pathname };
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const INLINE_WIDTH = 64;
const LINE_WIDTH = 90;

/** A value as JavaScript source: on one line when it is short, else one entry per line. */
export function jsLiteral(value: unknown, depth = 0, multiline = false): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  const entries = Array.isArray(value)
    ? value.map((item) => jsLiteral(item, depth + 1))
    : Object.entries(value).map(
        ([key, item]) =>
          `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${jsLiteral(item, depth + 1)}`,
      );
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{ ", " }"];
  if (entries.length === 0) return Array.isArray(value) ? "[]" : "{}";
  const inline = `${open}${entries.join(", ")}${close}`;
  if (!multiline && inline.length <= INLINE_WIDTH && !inline.includes("\n")) return inline;
  const pad = "  ".repeat(depth + 1);
  return `${open.trim()}\n${entries.map((e) => `${pad}${e},`).join("\n")}\n${"  ".repeat(depth)}${close.trim()}`;
}

/** Query values as the SDK's types take them: whole numbers as numbers, repeats as arrays. */
function queryObject(search: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [name, text] of search) {
    const value = /^\d+$/.test(text) ? Number(text) : text;
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

function clientOptions(request: SampleRequest, sandbox: boolean): string {
  const options = [`baseUrl: "${BASE_URL_TOKEN}"`];
  if (request.anonymous) options.push(`apiKey: ""`);
  if (sandbox) options.push("sandbox: true");
  if (request.retries) options.push(`retry: { maxRetries: ${request.retries} }`);
  return `{ ${options.join(", ")} }`;
}

/** How long the SDK and CLI stream samples read before they stop by themselves. */
export const STREAM_SAMPLE_SECONDS = 5;

const STREAM_OPERATION = "GET /v1/events/stream";
/** The stream's query parameters as client.events.stream options. */
const STREAM_OPTIONS: Record<string, (value: string) => [string, unknown]> = {
  type: (v) => ["types", v.split(",")],
  object_id: (v) => ["objectId", v],
  after: (v) => ["after", v],
};

/** The event stream through client.events.stream, reading for a while and then stopping. */
function sdkStreamCode(request: SampleRequest, operation: string): string | null {
  const url = new URL(request.path, "http://x");
  const { sandbox, pathname } = withoutSandbox(url.pathname);
  if (operation !== STREAM_OPERATION || pathname !== "/v1/events/stream") return null;
  if (Object.keys(request.headers ?? {}).length > 0) return null;
  const options: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) {
    const option = STREAM_OPTIONS[name];
    if (!option) return null;
    const [key, converted] = option(value);
    options[key] = converted;
  }
  const entries = Object.entries(options).map(([k, v]) => `${k}: ${jsLiteral(v)}, `);
  const signal = `signal: AbortSignal.timeout(${STREAM_SAMPLE_SECONDS * 1000})`;
  return [
    `import { createClient } from "${SDK_PACKAGE}";`,
    "",
    `const cloud = createClient(${clientOptions(request, sandbox)});`,
    `// Stops after ${STREAM_SAMPLE_SECONDS} s; without a signal it reads (and reconnects) until you break.`,
    `for await (const event of cloud.events.stream({ ${entries.join("")}${signal} })) {`,
    "  console.log(event.id, event.type, event.object_id);",
    "}",
  ].join("\n");
}

/**
 * The SDK call of a docs sample: the same request through createClient and the typed method
 * (the event stream through client.events.stream), or null where the SDK has no way to say it
 * (a path outside v1, a header other than the idempotency key).
 */
export function sdkCodeFor({ request, operation, expectsError }: ClientSampleInput): string | null {
  if (!operation) return null;
  if (request.stream) return sdkStreamCode(request, operation);
  const { method, template } = splitOperation(operation);
  const url = new URL(request.path, "http://x");
  const { sandbox, pathname } = withoutSandbox(url.pathname);
  const params = matchPathTemplate(template, pathname);
  if (!params) return null;
  const init: Record<string, unknown> = {};
  const given: Record<string, unknown> = {};
  if (Object.keys(params).length > 0) given.path = params;
  if (url.search) given.query = queryObject(url.searchParams);
  if (Object.keys(given).length > 0) init.params = given;
  if (request.body !== undefined) init.body = request.body;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (name.toLowerCase() !== "idempotency-key") return null;
    init.idempotencyKey = value;
  }
  const callWith = (multiline: boolean) => {
    const args = [`"${template}"`];
    if (Object.keys(init).length > 0) args.push(jsLiteral(init, 0, multiline));
    return `await cloud.${method}(${args.join(", ")})`;
  };
  // The longest statement it goes in: `const { data, response } = <call>;`, or inside try.
  const call = callWith(false).length + 30 > LINE_WIDTH ? callWith(true) : callWith(false);
  const names = expectsError ? "CloudApiError, createClient" : "createClient";
  const lines = [
    `import { ${names} } from "${SDK_PACKAGE}";`,
    "",
    `const cloud = createClient(${clientOptions(request, sandbox)});`,
  ];
  if (expectsError) {
    lines.push(
      "try {",
      `  ${indent(call, 2)};`,
      "} catch (error) {",
      "  if (!(error instanceof CloudApiError)) throw error;",
      "  console.log(error.status, error.code, error.detail, error.requestId);",
      "}",
    );
  } else if (request.emptyResponse) {
    lines.push(`const { response } = ${call};`, "console.log(response.status);");
  } else if (request.showHeaders) {
    lines.push(
      `const { data, response } = ${call};`,
      "console.log(response.status, Object.fromEntries(response.headers));",
      "console.log(data);",
    );
  } else lines.push(`const { data } = ${call};`, "console.log(data);");
  return lines.join("\n");
}

/**
 * The `cloud` command that sends the same request, or null: a request without a key (the CLI
 * always sends one), or one no command can say. A stream (events tail) stops by itself after a
 * while, as the curl sample's --max-time does.
 */
export function cliCodeFor({ request, operation }: ClientSampleInput): string | null {
  if (!operation || request.anonymous) return null;
  const { method, template } = splitOperation(operation);
  const line = commandLineFor({
    method,
    template,
    path: request.path,
    headers: request.headers,
    body: request.body,
  });
  if (line === null || !request.stream) return line;
  return `${line} --max-time ${STREAM_SAMPLE_SECONDS}`;
}
