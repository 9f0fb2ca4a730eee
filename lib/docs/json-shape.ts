import type { JsonSchema, OpenApiDocument } from "./openapi-types";
import { derefSchema } from "./schema-tools";

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOfValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === "number" && actual === "integer");
}

/**
 * Checks a JSON value against the subset of JSON Schema our OpenAPI document uses, and lists
 * every mismatch with its path. The doc tests use it to hold real answers to the documented shape.
 */
export function shapeProblems(
  doc: OpenApiDocument,
  schema: JsonSchema,
  value: unknown,
  path = "$",
  depth = 0,
): string[] {
  if (depth > 40) return [];
  const s = derefSchema(doc, schema);
  const problems: string[] = [];
  const actual = typeOfValue(value);

  if (s.anyOf || s.oneOf) {
    const branches = s.anyOf ?? s.oneOf ?? [];
    const fits = branches.some((b) => shapeProblems(doc, b, value, path, depth + 1).length === 0);
    if (!fits) problems.push(`${path}: matches none of ${branches.length} alternatives`);
  }
  for (const part of s.allOf ?? [])
    problems.push(...shapeProblems(doc, part, value, path, depth + 1));

  if (value === null && s.nullable) return problems;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeMatches(t, actual))) {
      problems.push(`${path}: expected ${types.join(" | ")}, got ${actual}`);
      return problems;
    }
  }
  if (s.const !== undefined && JSON.stringify(s.const) !== JSON.stringify(value))
    problems.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.some((v) => JSON.stringify(v) === JSON.stringify(value)))
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(s.enum)}`);
  if (actual === "string" && s.format === "date-time" && !DATE_TIME.test(value as string))
    problems.push(`${path}: not an ISO 8601 date-time`);

  if (actual === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const name of s.required ?? []) {
      if (!(name in record)) problems.push(`${path}.${name}: required but missing`);
    }
    for (const [name, child] of Object.entries(record)) {
      const property = s.properties?.[name];
      if (property)
        problems.push(...shapeProblems(doc, property, child, `${path}.${name}`, depth + 1));
      else if (s.additionalProperties === false)
        problems.push(`${path}.${name}: not in the schema`);
      else if (typeof s.additionalProperties === "object")
        problems.push(
          ...shapeProblems(doc, s.additionalProperties, child, `${path}.${name}`, depth + 1),
        );
    }
  }
  if (actual === "array" && s.items) {
    (value as unknown[]).forEach((item, index) => {
      problems.push(
        ...shapeProblems(doc, s.items as JsonSchema, item, `${path}[${index}]`, depth + 1),
      );
    });
  }
  return problems;
}
