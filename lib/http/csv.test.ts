import { describe, expect, it } from "vitest";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("prefixes text a spreadsheet would evaluate with a quote, numbers never", () => {
    const csv = toCsv([["=1+1", "+A1", "-2", "@SUM(A1)", "\t=1", "\r=1", "plain", -3]]);
    expect(csv).toBe(`'=1+1,'+A1,'-2,'@SUM(A1),'\t=1,"'\r=1",plain,-3\r\n`);
  });

  it("quotes commas, quotes and line breaks", () => {
    expect(toCsv([["a,b", 'say "hi"', "two\nlines", null]])).toBe(
      `"a,b","say ""hi""","two\nlines",\r\n`,
    );
  });
});
