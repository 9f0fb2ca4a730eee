import { isScope } from "@/lib/catalog/scopes";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import {
  HTTP_METHODS,
  isReference,
  type JsonSchema,
  type OpenApiDocument,
  type OperationObject,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
} from "./openapi-types";

/** One operation of the API as the reference shows it. */
export interface ApiOperation {
  /** The anchor on its page: get-v1-resources-id */
  anchor: string;
  operationId: string;
  method: string;
  path: string;
  tag: string;
  tagSlug: string;
  summary: string;
  description: string;
  /** Scopes the key must hold; empty when any valid key will do; null when no key is needed. */
  scopes: string[] | null;
  /**
   * Needs a dashboard permission that no API key can hold (such as billing:manage): callable by
   * a signed-in member through the portal only; a key gets 403.
   */
  dashboardOnly: boolean;
  deprecated: boolean;
  parameters: ParameterObject[];
  requestBody: {
    contentType: string;
    schema: JsonSchema;
    required: boolean;
    example: unknown;
  } | null;
  responses: ApiResponse[];
}

export interface ApiResponse {
  status: string;
  description: string;
  contentType: string | null;
  schema: JsonSchema | null;
  example: unknown;
  /** For 4xx/5xx: the error codes that carry this status. */
  errorCodes: ErrorCode[];
}

export interface ApiTag {
  name: string;
  slug: string;
  description: string;
  operations: ApiOperation[];
}

export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function operationAnchor(method: string, path: string): string {
  return slugify(`${method} ${path.replace(/[{}]/g, "")}`);
}

function resolve<T>(doc: OpenApiDocument, value: T | { $ref: string }, kind: string): T | null {
  if (!isReference(value)) return value;
  const prefix = `#/components/${kind}/`;
  if (!value.$ref.startsWith(prefix)) return null;
  const name = value.$ref.slice(prefix.length);
  const group = (
    doc.components as Record<string, Record<string, unknown> | undefined> | undefined
  )?.[kind];
  return (group?.[name] as T | undefined) ?? null;
}

function scopesOf(operation: OperationObject): string[] | null {
  if (Array.isArray(operation.security) && operation.security.length === 0) return null;
  const raw = operation["x-required-scope"];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return list.filter((scope) => scope && scope !== "none");
}

const codesByStatus = new Map<number, ErrorCode[]>();
for (const [code, info] of Object.entries(ERROR_CODES) as Array<[ErrorCode, { status: number }]>) {
  codesByStatus.set(info.status, [...(codesByStatus.get(info.status) ?? []), code]);
}

export function errorCodesForStatus(status: number): ErrorCode[] {
  return codesByStatus.get(status) ?? [];
}

function mediaOf(content: Record<string, { schema?: JsonSchema; example?: unknown }> | undefined) {
  const entry = Object.entries(content ?? {})[0];
  if (!entry) return null;
  return { contentType: entry[0], schema: entry[1].schema ?? null, example: entry[1].example };
}

function toOperation(
  doc: OpenApiDocument,
  method: string,
  path: string,
  operation: OperationObject,
  shared: ParameterObject[],
  exampleOf: (schema: JsonSchema) => unknown,
): ApiOperation {
  const tag = operation.tags?.[0] ?? "Other";
  const parameters = [
    ...shared,
    ...(operation.parameters ?? []).map((p) => resolve<ParameterObject>(doc, p, "parameters")),
  ].filter((p): p is ParameterObject => p !== null);
  const body = operation.requestBody
    ? resolve<RequestBodyObject>(doc, operation.requestBody, "requestBodies")
    : null;
  const bodyMedia = body ? mediaOf(body.content) : null;
  const responses: ApiResponse[] = Object.entries(operation.responses ?? {})
    .map(([status, raw]) => {
      const response = resolve<ResponseObject>(doc, raw, "responses") ?? {};
      const media = mediaOf(response.content);
      const numeric = Number(status);
      return {
        status,
        description: response.description ?? "",
        contentType: media?.contentType ?? null,
        schema: media?.schema ?? null,
        example: media ? (media.example ?? (media.schema ? exampleOf(media.schema) : null)) : null,
        errorCodes: numeric >= 400 ? errorCodesForStatus(numeric) : [],
      };
    })
    .sort((a, b) => a.status.localeCompare(b.status));
  return {
    anchor: operationAnchor(method, path),
    operationId: operation.operationId ?? operationAnchor(method, path),
    method: method.toUpperCase(),
    path,
    tag,
    tagSlug: slugify(tag),
    summary: operation.summary ?? `${method.toUpperCase()} ${path}`,
    description: operation.description ?? "",
    scopes: scopesOf(operation),
    dashboardOnly: (scopesOf(operation) ?? []).some((scope) => !isScope(scope)),
    deprecated: operation.deprecated ?? false,
    parameters,
    requestBody:
      bodyMedia?.schema && body
        ? {
            contentType: bodyMedia.contentType,
            schema: bodyMedia.schema,
            required: body.required ?? false,
            example: bodyMedia.example ?? exampleOf(bodyMedia.schema),
          }
        : null,
    responses,
  };
}

/** Every operation of the document, in document order, grouped by its first tag. */
export function referenceOf(
  doc: OpenApiDocument,
  exampleOf: (schema: JsonSchema) => unknown,
): { operations: ApiOperation[]; tags: ApiTag[] } {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const shared = (item.parameters ?? [])
      .map((p) => resolve<ParameterObject>(doc, p, "parameters"))
      .filter((p): p is ParameterObject => p !== null);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation) operations.push(toOperation(doc, method, path, operation, shared, exampleOf));
    }
  }
  const descriptions = new Map((doc.tags ?? []).map((t) => [t.name, t.description ?? ""]));
  const tags: ApiTag[] = [];
  for (const operation of operations) {
    let tag = tags.find((t) => t.name === operation.tag);
    if (!tag) {
      tag = {
        name: operation.tag,
        slug: operation.tagSlug,
        description: descriptions.get(operation.tag) ?? "",
        operations: [],
      };
      tags.push(tag);
    }
    tag.operations.push(operation);
  }
  return { operations, tags };
}

/** Whether the document has this operation ("GET /v1/resources/{id}"). */
export function hasOperation(doc: OpenApiDocument, key: string): boolean {
  const [method, path] = key.split(" ");
  if (!method || !path) return false;
  const item = doc.paths?.[path];
  return Boolean(item?.[method.toLowerCase() as (typeof HTTP_METHODS)[number]]);
}
