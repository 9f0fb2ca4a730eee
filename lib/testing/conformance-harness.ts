import type { OpenApiDocument } from "@/lib/api/openapi-document";
import { apiRequest } from "@/lib/testing/fixtures";
import {
  exampleBody,
  exampleOf,
  fillPath,
  type Operation,
  operationsOf,
  type SchemaNode,
} from "@/lib/testing/openapi-walk";
import type { TestRuntime } from "@/lib/testing/test-runtime";

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON; "" for streams and empty bodies. */
  body: unknown;
  text: string;
}

/** Reads an answer; an event stream is cancelled after its headers (it would never end). */
export async function readAnswer(res: Response): Promise<Answer> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("text/event-stream")) {
    await res.body?.cancel();
    return { status: res.status, headers: res.headers, body: "", text: "" };
  }
  const text = await res.text();
  let body: unknown = text;
  if (/json/.test(type) && text) body = JSON.parse(text);
  return { status: res.status, headers: res.headers, body, text };
}

export async function call(
  runtime: TestRuntime,
  method: string,
  path: string,
  key: string | undefined,
  body?: unknown,
): Promise<Answer> {
  const res = await apiRequest(runtime, method, path, {
    ...(key ? { key } : {}),
    ...(body === undefined ? {} : { body }),
  });
  return readAnswer(res);
}

export async function loadDocument(runtime: TestRuntime): Promise<OpenApiDocument> {
  const res = await apiRequest(runtime, "GET", "/v1/openapi.json");
  if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

/** Path values for an operation: each parameter's own example (an id that exists nowhere). */
export function exampleParams(doc: OpenApiDocument, op: Operation): Record<string, string> {
  const values: Record<string, string> = {};
  for (const param of op.operation.parameters ?? []) {
    if (param.in !== "path") continue;
    const value = param.example ?? (param.schema ? exampleOf(doc, param.schema) : undefined);
    values[param.name] = typeof value === "string" ? value : "x0000000000000000";
  }
  for (const name of op.pathParams) values[name] ??= "x0000000000000000";
  return values;
}

/** The required query parameters' examples (lists need none; a stream may). */
export function exampleQuery(doc: OpenApiDocument, op: Operation): string {
  const parts: string[] = [];
  for (const param of op.operation.parameters ?? []) {
    if (param.in !== "query" || !param.required) continue;
    const value = param.example ?? exampleOf(doc, param.schema ?? ({} as SchemaNode));
    parts.push(`${encodeURIComponent(param.name)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

export function examplePath(doc: OpenApiDocument, op: Operation): string {
  return fillPath(op, exampleParams(doc, op)) + exampleQuery(doc, op);
}

export { exampleBody, operationsOf };

/** The first string "id" in a JSON answer (top level, then data, key, or nested objects). */
export function idIn(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.id === "string") return record.id;
  if (Array.isArray(record.data)) return idIn(record.data[0]);
  for (const value of Object.values(record)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const found = idIn(value);
      if (found) return found;
    }
  }
  return undefined;
}
