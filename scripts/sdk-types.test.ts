import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateSdkTypes, SDK_TYPES_FILE } from "./sdk-types";

describe("the SDK's generated types", () => {
  it("are what the current API's OpenAPI document gives (run npm run sdk:generate if not)", async () => {
    const committed = readFileSync(SDK_TYPES_FILE, "utf8");
    const current = await generateSdkTypes();
    // toBe would print two 7,000-line files; say which paths differ instead.
    if (committed !== current) {
      const pathsOf = (text: string) =>
        [...text.matchAll(/^ {4}"(\/v1[^"]*)": \{$/gm)].map((m) => m[1]);
      expect({ paths: pathsOf(committed), note: "run npm run sdk:generate" }).toEqual({
        paths: pathsOf(current),
        note: "up to date",
      });
    }
    expect(committed === current).toBe(true);
  });
});
