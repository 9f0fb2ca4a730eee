import { describe, expect, it } from "vitest";
import { inlineToPlain, parseInline } from "./inline";

describe("inline markup", () => {
  it("reads code, bold and links, leaving the rest as text", () => {
    expect(parseInline("Send `Idempotency-Key`, **once**, see [Errors](/docs/errors).")).toEqual([
      { kind: "text", text: "Send " },
      { kind: "code", text: "Idempotency-Key" },
      { kind: "text", text: ", " },
      { kind: "strong", text: "once" },
      { kind: "text", text: ", see " },
      { kind: "link", text: "Errors", href: "/docs/errors" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps code inside link text and strips markup for search", () => {
    expect(parseInline("[`GET /v1/x`](/docs/api/x#get)")).toEqual([
      { kind: "link", text: "`GET /v1/x`", href: "/docs/api/x#get" },
    ]);
    expect(inlineToPlain("Use [`GET /v1/x`](/a) and **b**")).toBe("Use GET /v1/x and b");
  });
});
