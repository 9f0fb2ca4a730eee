import type { OpenApiDocument } from "@/lib/api/openapi-document";
import { REQUIRED_SCOPE_EXTENSION } from "@/lib/api/openapi-document";

/** A JSON Schema node as the generator emits it (3.1: plain JSON Schema plus example). */
export interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  minimum?: number;
  minItems?: number;
  format?: string;
}

interface ParameterNode {
  $ref?: string;
  name: string;
  in: string;
  required?: boolean;
  schema?: SchemaNode;
  example?: unknown;
}

interface OperationNode {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  parameters?: ParameterNode[];
  requestBody?: { content?: Record<string, { schema?: SchemaNode; example?: unknown }> };
  responses?: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
}

export interface Operation {
  method: string;
  /** The document's path, e.g. /v1/resources/{id}. */
  path: string;
  operation: OperationNode;
  /** Needs a key (the document's default security, unless the operation clears it). */
  authenticated: boolean;
  /** The x-required-scope annotation: a scope, "none" (any valid key), or undefined (missing). */
  requiredScope: string | undefined;
  pathParams: string[];
}

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  const defaultSecured = (doc.security ?? []).length > 0;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Record<string, OperationNode | undefined>)[method];
      if (!operation) continue;
      const security = operation.security;
      const scope = operation[REQUIRED_SCOPE_EXTENSION];
      out.push({
        method: method.toUpperCase(),
        path,
        operation,
        authenticated: security === undefined ? defaultSecured : security.length > 0,
        requiredScope: typeof scope === "string" ? scope : undefined,
        pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
      });
    }
  }
  return out;
}

function resolve<T extends { $ref?: string }>(doc: OpenApiDocument, node: T): T {
  let current: T = node;
  for (let depth = 0; current.$ref && depth < 20; depth++) {
    const parts = current.$ref.replace(/^#\//, "").split("/");
    let target: unknown = doc;
    for (const part of parts) target = (target as Record<string, unknown>)[part];
    current = target as T;
  }
  return current;
}

/**
 * A value the schema accepts, built from its examples (so the document's examples are exercised
 * by the tests that use this): example, then default, enum, const, then the shape's parts.
 */
export function exampleOf(doc: OpenApiDocument, node: SchemaNode, depth = 0): unknown {
  const schema = resolve(doc, node);
  if (schema.example !== undefined) return schema.example;
  if (schema.examples && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  if (depth > 8) return undefined;
  const branch = schema.oneOf?.[0] ?? schema.anyOf?.find((s) => resolve(doc, s).type !== "null");
  if (branch) return exampleOf(doc, branch, depth + 1);
  if (schema.allOf) {
    return Object.assign({}, ...schema.allOf.map((s) => exampleOf(doc, s, depth + 1)));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (type === "object" || schema.properties) {
    const out: Record<string, unknown> = {};
    for (const name of schema.required ?? []) {
      const property = schema.properties?.[name];
      if (property) out[name] = exampleOf(doc, property, depth + 1);
    }
    return out;
  }
  if (type === "array") {
    return schema.items && (schema.minItems ?? 0) > 0
      ? [exampleOf(doc, schema.items, depth + 1)]
      : [];
  }
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return true;
  if (type === "string") return "example";
  return undefined;
}

/** The JSON body to send to an operation, from the request body's example or schema. */
export function exampleBody(doc: OpenApiDocument, op: Operation): unknown {
  const media = op.operation.requestBody?.content?.["application/json"];
  if (!media) return undefined;
  if (media.example !== undefined) return media.example;
  return media.schema ? exampleOf(doc, media.schema) : undefined;
}

/** A concrete path for the operation: each {param} replaced by the value the map gives. */
export function fillPath(op: Operation, values: Record<string, string>): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for {${name}} in ${op.path}`);
    return encodeURIComponent(value);
  });
}

/** Hono route paths (`:id`) in the document's form (`{id}`). */
export function toDocumentPath(routePath: string): string {
  return routePath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, "{$1}");
}
