import { describe, expect, it } from "vitest";
import { isApiPath } from "./surface";

describe("which surface serves a path", () => {
  it("sends versioned and sandbox paths to the API", () => {
    for (const path of [
      "/v1",
      "/v1/",
      "/v1/regions",
      "/v1?x=1",
      "/v2/resources",
      "/v0",
      "/sandbox/v1/regions",
    ]) {
      expect(isApiPath(path), path).toBe(true);
    }
  });
  it("leaves portal paths to Next", () => {
    for (const path of [
      "/",
      "/dashboard",
      "/docs/api",
      "/api/proxy/v1/resources",
      "/v1beta",
      "/video",
    ]) {
      expect(isApiPath(path), path).toBe(false);
    }
  });
});
