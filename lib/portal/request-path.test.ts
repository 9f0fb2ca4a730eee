import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./request-path";

describe("safeReturnPath", () => {
  it("keeps same-origin relative paths with their query and hash", () => {
    expect(safeReturnPath("/dashboard")).toBe("/dashboard");
    expect(safeReturnPath("/dashboard/resources?status=active#top")).toBe(
      "/dashboard/resources?status=active#top",
    );
    expect(safeReturnPath("/dashboard/../docs")).toBe("/docs");
  });

  it("refuses anything that could leave this origin", () => {
    for (const raw of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "/\\/evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "dashboard",
      "/\tevil",
      "",
      null,
      undefined,
      `/${"a".repeat(3000)}`,
    ]) {
      expect(safeReturnPath(raw), String(raw)).toBeNull();
    }
  });

  it("leaves percent-encoded control characters encoded (harmless in a Location header)", () => {
    expect(safeReturnPath("/%0d%0aSet-Cookie:x")).toBe("/%0d%0aSet-Cookie:x");
  });
});
