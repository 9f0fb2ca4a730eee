import { describe, expect, it } from "vitest";
import { LABEL_KEY_PATTERN } from "@/lib/schemas/resources";
import { LABEL_KEY, labelProblems } from "./labels-form";

describe("labels editor checks", () => {
  it("uses the API's label key rule", () => {
    expect(LABEL_KEY.source).toBe(LABEL_KEY_PATTERN.source);
  });

  it("names the first problem", () => {
    expect(labelProblems([{ key: "env", value: "prod" }])).toBeNull();
    expect(labelProblems([{ key: "-bad", value: "" }])).toMatch(/not a valid key/);
    expect(
      labelProblems([
        { key: "a", value: "1" },
        { key: "a", value: "2" },
      ]),
    ).toMatch(/twice/);
    expect(labelProblems([{ key: "a", value: "x".repeat(256) }])).toMatch(/255/);
  });
});
