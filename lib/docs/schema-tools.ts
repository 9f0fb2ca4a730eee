import type { JsonSchema, OpenApiDocument } from "./openapi-types";

const REF_PREFIX = "#/components/schemas/";

export function refName(ref: string): string {
  return ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : ref;
}

/** Follows $ref (and a lone allOf wrapper) until a concrete schema; unknown refs become {}. */
export function derefSchema(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; hops < 20; hops++) {
    if (current.$ref) {
      const target = doc.components?.schemas?.[refName(current.$ref)];
      if (!target) return {};
      const { $ref: _ignored, ...siblings } = current;
      current = { ...target, ...siblings };
      continue;
    }
    if (current.allOf?.length === 1 && current.allOf[0] && !current.properties) {
      const { allOf, ...siblings } = current;
      current = { ...allOf[0], ...siblings };
      continue;
    }
    return current;
  }
  return current;
}

function typesOf(schema: JsonSchema): string[] {
  if (schema.type === undefined) return [];
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** "null" allowed by type: [..., "null"], nullable, or an anyOf branch. */
export function isNullable(doc: OpenApiDocument, schema: JsonSchema): boolean {
  const s = derefSchema(doc, schema);
  if (s.nullable || typesOf(s).includes("null")) return true;
  return (s.anyOf ?? s.oneOf ?? []).some((branch) =>
    typesOf(derefSchema(doc, branch)).includes("null"),
  );
}

/** A short human label for a schema's type: "string", "array of Resource", "Labels", ... */
export function typeLabel(doc: OpenApiDocument, schema: JsonSchema, depth = 0): string {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    const target = derefSchema(doc, schema);
    const primitive = typesOf(target).find((t) => t !== "null");
    return primitive && primitive !== "object" && primitive !== "array" && !target.enum
      ? primitive
      : name;
  }
  if (depth > 4) return "object";
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const labels = branches
      .filter(
        (b) => !typesOf(derefSchema(doc, b)).every((t) => t === "null") || typesOf(b).length === 0,
      )
      .map((b) => typeLabel(doc, b, depth + 1));
    return [...new Set(labels)].join(" | ") || "any";
  }
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = typesOf(schema).filter((t) => t !== "null");
  const main = types[0];
  if (main === "array")
    return schema.items ? `array of ${typeLabel(doc, schema.items, depth + 1)}` : "array";
  if (main === "object" && !schema.properties && schema.additionalProperties) {
    const values =
      typeof schema.additionalProperties === "object"
        ? typeLabel(doc, schema.additionalProperties, depth + 1)
        : "any";
    return `map of ${values}`;
  }
  if (main) return schema.format ? `${main} (${schema.format})` : main;
  if (schema.properties) return "object";
  return "any";
}

const SAMPLE_TIME = "2026-04-24T12:00:00.000Z";

/** An example value for a schema: its own example first, else one made from its shape. */
export function exampleOf(doc: OpenApiDocument, schema: JsonSchema, depth = 0): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.examples && schema.examples.length > 0) return schema.examples[0];
  if (schema.$ref) {
    if (depth > 8) return {};
    const target = doc.components?.schemas?.[refName(schema.$ref)];
    return target ? exampleOf(doc, target, depth + 1) : {};
  }
  if (depth > 8) return null;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches && branches.length > 0) {
    const concrete = branches.find((b) => !typesOf(b).includes("null")) ?? branches[0]!;
    return exampleOf(doc, concrete, depth + 1);
  }
  if (schema.allOf && schema.allOf.length > 0) {
    const merged: Record<string, unknown> = {};
    for (const part of schema.allOf) {
      const value = exampleOf(doc, part, depth + 1);
      if (value && typeof value === "object" && !Array.isArray(value)) Object.assign(merged, value);
    }
    return merged;
  }
  const type = typesOf(schema).find((t) => t !== "null");
  if (type === "object" || schema.properties) {
    const result: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties ?? {}))
      result[name] = exampleOf(doc, property, depth + 1);
    return result;
  }
  if (type === "array") return schema.items ? [exampleOf(doc, schema.items, depth + 1)] : [];
  if (type === "string") {
    if (schema.format === "date-time") return SAMPLE_TIME;
    return "string";
  }
  if (type === "integer" || type === "number") return schema.minimum ?? 1;
  if (type === "boolean") return true;
  if (typesOf(schema).includes("null")) return null;
  return null;
}

export interface SchemaField {
  /** Dotted path: spec.size, errors[].field */
  name: string;
  depth: number;
  type: string;
  required: boolean;
  nullable: boolean;
  description: string;
  /** Allowed values, limits, defaults, in words. */
  constraints: string[];
}

function constraintsOf(schema: JsonSchema): string[] {
  const out: string[] = [];
  if (schema.enum) out.push(`one of ${schema.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    out.push(`${schema.minimum} to ${schema.maximum}`);
  else if (schema.minimum !== undefined) out.push(`at least ${schema.minimum}`);
  else if (schema.maximum !== undefined) out.push(`at most ${schema.maximum}`);
  if (schema.minLength !== undefined && schema.maxLength !== undefined)
    out.push(`${schema.minLength}-${schema.maxLength} characters`);
  else if (schema.maxLength !== undefined) out.push(`up to ${schema.maxLength} characters`);
  else if (schema.minLength !== undefined && schema.minLength > 0) out.push("not empty");
  if (schema.minItems !== undefined && schema.minItems > 0)
    out.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) out.push(`at most ${schema.maxItems} items`);
  if (schema.default !== undefined) out.push(`default ${JSON.stringify(schema.default)}`);
  return out;
}

/** The fields of an object schema as rows, nested objects and arrays of objects flattened. */
export function fieldsOf(doc: OpenApiDocument, schema: JsonSchema, maxDepth = 3): SchemaField[] {
  const rows: SchemaField[] = [];
  const seen = new Set<string>();
  const walk = (node: JsonSchema, prefix: string, depth: number) => {
    const s = derefSchema(doc, node);
    if (node.$ref) {
      if (seen.has(node.$ref) && depth > 0) return;
      seen.add(node.$ref);
    }
    const required = new Set(s.required ?? []);
    for (const [name, property] of Object.entries(s.properties ?? {})) {
      const resolved = derefSchema(doc, property);
      const label = typeLabel(doc, property);
      const fullName = prefix ? `${prefix}.${name}` : name;
      rows.push({
        name: fullName,
        depth,
        type: label,
        required: required.has(name),
        nullable: isNullable(doc, property),
        description: property.description ?? resolved.description ?? "",
        constraints: constraintsOf(resolved),
      });
      if (depth + 1 >= maxDepth) continue;
      if (resolved.properties) walk(property, fullName, depth + 1);
      else if (resolved.items && derefSchema(doc, resolved.items).properties)
        walk(resolved.items, `${fullName}[]`, depth + 1);
    }
    if (node.$ref) seen.delete(node.$ref);
  };
  walk(schema, "", 0);
  return rows;
}
