import type { Block } from "../content-types";
import type { OpenApiDocument } from "../openapi-types";
import { type ApiOperation, operationKey } from "../reference";
import { fieldsOf, type SchemaField } from "../schema-tools";

/**
 * What a page may ask of the product while it is built: whether an operation exists, where the
 * reference documents it, and the fields of a documented schema. Pages describe what the running
 * API does, not what it might do some day.
 */
export interface ContentContext {
  has(operation: string): boolean;
  /** The reference URL of an operation ("GET /v1/resources"), or null if there is none. */
  hrefOf(operation: string): string | null;
  schemaFields(name: string): SchemaField[];
  /** The operations ("GET /v1/resources") whose x-required-scope names this scope. */
  operationsWithScope(scope: string): string[];
  /** Operations only a signed-in member can call (a dashboard permission no key can hold). */
  dashboardOnlyOperations(): string[];
}

export function referenceHref(operation: Pick<ApiOperation, "tagSlug" | "anchor">): string {
  return `/docs/api/${operation.tagSlug}#${operation.anchor}`;
}

export function contentContext(doc: OpenApiDocument, operations: ApiOperation[]): ContentContext {
  const byKey = new Map(operations.map((op) => [operationKey(op.method, op.path), op]));
  return {
    has: (operation) => byKey.has(operation),
    hrefOf: (operation) => {
      const op = byKey.get(operation);
      return op ? referenceHref(op) : null;
    },
    dashboardOnlyOperations: () =>
      operations.filter((op) => op.dashboardOnly).map((op) => operationKey(op.method, op.path)),
    operationsWithScope: (scope) =>
      operations
        .filter((op) => op.scopes?.includes(scope))
        .map((op) => operationKey(op.method, op.path)),
    schemaFields: (name) =>
      doc.components?.schemas?.[name]
        ? fieldsOf(doc, { $ref: `#/components/schemas/${name}` }, 2)
        : [],
  };
}

/** An operation in inline markup: a link into the reference when it exists, code otherwise. */
export function opLink(ctx: ContentContext, operation: string): string {
  const href = ctx.hrefOf(operation);
  return href ? `[\`${operation}\`](${href})` : `\`${operation}\``;
}

/** A documented schema's fields as a table (none when this build does not document it). */
export function schemaFieldTable(ctx: ContentContext, schema: string, caption: string): Block[] {
  const fields = ctx.schemaFields(schema);
  if (fields.length === 0) return [];
  return [
    {
      kind: "table",
      caption,
      head: ["Field", "Type", "Meaning"],
      rows: fields.map((f) => [
        `\`${f.name}\``,
        `${f.type}${f.nullable ? " or null" : ""}`,
        f.description,
      ]),
    },
  ];
}
