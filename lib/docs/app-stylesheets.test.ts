import { describe, expect, it } from "vitest";
import { layoutCss } from "./app-stylesheets";

describe("layoutCss", () => {
  it("reads the root layout's CSS from a client reference manifest", () => {
    const manifest = `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};
globalThis.__RSC_MANIFEST["/_not-found/page"] = {"entryCSSFiles":{"[project]/app/layout":[{"path":"static/chunks/07jj.css","inlined":false}],"[project]/app/dashboard/layout":[]},"entryJSFiles":{}};`;
    expect(layoutCss(manifest)).toEqual(["/_next/static/chunks/07jj.css"]);
  });

  it("finds nothing in something else", () => {
    expect(layoutCss("module.exports = 1")).toEqual([]);
  });
});
