/**
 * Turns a sample request into the curl and JavaScript a reader copies. The base URL is a token
 * (the page puts this deployment's origin there; the doc tests the server under test), and the
 * key is read from the environment, as the Authentication guide recommends.
 */

export const BASE_URL_TOKEN = "{{BASE_URL}}";
export const API_KEY_VARIABLE = "CLOUD_API_KEY";

export type SampleMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface SampleRequest {
  method: SampleMethod;
  /** Path and query exactly as sent: /v1/resources?limit=2, /sandbox/v1/regions. */
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Leave out the Authorization header (to show the 401). */
  anonymous?: boolean;
  /** curl -i: print the response headers as well. */
  showHeaders?: boolean;
  /** curl --retry: let curl back off on 429 and 5xx itself. */
  retries?: number;
  /** The answer has no body (204): print the status only. */
  emptyResponse?: boolean;
  /** The answer is a text/event-stream: show the first chunk, then stop. */
  stream?: boolean;
}

// "*" for families (action=member.*): inside double quotes the shell does not expand it.
const SAFE_URL = /^\/[A-Za-z0-9/_.~%?&=:,*-]*$/;

function assertSafePath(path: string): void {
  // The path goes inside double quotes in a shell and inside a JS string: keep it boring.
  if (!SAFE_URL.test(path)) throw new Error(`sample path has unsafe characters: ${path}`);
}

function shellSingleQuoted(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function headerLines(request: SampleRequest): Array<[string, string]> {
  const lines: Array<[string, string]> = [];
  if (request.body !== undefined) lines.push(["Content-Type", "application/json"]);
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push([name, value]);
  return lines;
}

export function curlFor(request: SampleRequest): string {
  assertSafePath(request.path);
  const flags: string[] = [];
  if (request.showHeaders) flags.push("-i");
  if (request.stream) flags.push("-N --max-time 10");
  if (request.retries) flags.push(`--retry ${request.retries}`);
  if (request.method !== "GET") flags.push(`-X ${request.method}`);
  const first = ["curl", ...flags, `"${BASE_URL_TOKEN}${request.path}"`].join(" ");
  const rest: string[] = [];
  if (!request.anonymous) rest.push(`-H "Authorization: Bearer $${API_KEY_VARIABLE}"`);
  for (const [name, value] of headerLines(request)) {
    if (/["$`\\]/.test(value)) throw new Error(`header value needs quoting: ${value}`);
    rest.push(`-H "${name}: ${value}"`);
  }
  if (request.body !== undefined)
    rest.push(`-d ${shellSingleQuoted(indent(JSON.stringify(request.body, null, 2), 2))}`);
  return [first, ...rest].join(" \\\n  ");
}

export function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line, index) => (index === 0 ? line : pad + line))
    .join("\n");
}

/** JSON as a JavaScript object literal: keys that are identifiers lose their quotes. */
export function objectLiteral(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, "$1$2:");
}

/** The fetch call alone, assigned to `response` (hand-written samples build on it). */
export function fetchCallFor(request: SampleRequest): string {
  assertSafePath(request.path);
  const options: string[] = [];
  if (request.method !== "GET") options.push(`method: "${request.method}",`);
  const headers: string[] = [];
  if (!request.anonymous)
    headers.push(`Authorization: \`Bearer \${process.env.${API_KEY_VARIABLE}}\`,`);
  for (const [name, value] of headerLines(request))
    headers.push(`${JSON.stringify(name)}: ${JSON.stringify(value)},`);
  if (headers.length > 0) options.push(`headers: {\n    ${headers.join("\n    ")}\n  },`);
  if (request.body !== undefined)
    options.push(`body: JSON.stringify(${indent(objectLiteral(request.body), 2)}),`);
  const url = `"${BASE_URL_TOKEN}${request.path}"`;
  if (options.length === 0) return `const response = await fetch(${url});`;
  return `const response = await fetch(${url}, {\n  ${options.join("\n  ")}\n});`;
}

export function javascriptFor(request: SampleRequest): string {
  const call = fetchCallFor(request);
  if (request.emptyResponse) return `${call}\nconsole.log(response.status);`;
  if (request.stream) {
    return `${call}
const reader = response.body.getReader();
const { value } = await reader.read();
console.log(response.status, new TextDecoder().decode(value));
await reader.cancel();`;
  }
  return `${call}\nconsole.log(response.status, await response.json());`;
}

/** Puts a real origin where the token is (tests, and pages when PUBLIC_API_URL is known). */
export function withBaseUrl(code: string, baseUrl: string): string {
  return code.replaceAll(BASE_URL_TOKEN, baseUrl.replace(/\/+$/, ""));
}
