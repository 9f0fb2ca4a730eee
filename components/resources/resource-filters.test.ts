import { describe, expect, it } from "vitest";
import { filtersFromParams, filtersFromRecord, paramsOfFilters } from "./resource-filters";

describe("resource list URL", () => {
  it("keeps valid filters and drops junk", () => {
    const filters = filtersFromParams(
      new URLSearchParams(
        "type=volume&status=active&region=eu-west-1&q=%20db%20&cursor=abc_1-=&limit=10&x=1",
      ),
    );
    expect(filters).toEqual({
      type: "volume",
      status: "active",
      region: "eu-west-1",
      q: "db",
      cursor: "abc_1-=",
      limit: "10",
    });
    expect(
      filtersFromParams(
        new URLSearchParams("type=server&status=gone&region=../x&cursor=%3Cscript&limit=7"),
      ),
    ).toEqual({});
  });

  it("round-trips through the URL, server and client alike", () => {
    const filters = { type: "bucket", q: "logs" };
    expect(paramsOfFilters(filters)).toBe("?type=bucket&q=logs");
    expect(filtersFromParams(new URLSearchParams(paramsOfFilters(filters)))).toEqual(filters);
    expect(filtersFromRecord({ type: "bucket", q: "logs", status: ["a", "b"] })).toEqual(filters);
    expect(paramsOfFilters({})).toBe("");
  });
});
