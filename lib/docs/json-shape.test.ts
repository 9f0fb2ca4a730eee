import { describe, expect, it } from "vitest";
import { shapeProblems } from "./json-shape";
import type { OpenApiDocument } from "./openapi-types";

const doc: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  components: {
    schemas: {
      Item: {
        type: "object",
        properties: {
          id: { type: "string" },
          count: { type: "integer" },
          at: { type: "string", format: "date-time" },
          kind: { type: "string", enum: ["a", "b"] },
          note: { anyOf: [{ type: "string" }, { type: "null" }] },
        },
        required: ["id", "count"],
      },
    },
  },
};
const item = { $ref: "#/components/schemas/Item" };

describe("shapeProblems", () => {
  it("accepts a value of the documented shape", () => {
    expect(
      shapeProblems(doc, { type: "array", items: item }, [
        { id: "x", count: 2, at: "2026-04-24T12:00:00.000Z", kind: "a", note: null, extra: true },
      ]),
    ).toEqual([]);
  });

  it("names every mismatch with its path", () => {
    expect(shapeProblems(doc, item, { count: 1.5, at: "yesterday", kind: "c", note: 3 })).toEqual([
      "$.id: required but missing",
      "$.count: expected integer, got number",
      "$.at: not an ISO 8601 date-time",
      '$.kind: "c" is not one of ["a","b"]',
      "$.note: matches none of 2 alternatives",
    ]);
  });
});
