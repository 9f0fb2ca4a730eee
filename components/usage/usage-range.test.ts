import { describe, expect, it } from "vitest";
import {
  customRangeProblem,
  readFilters,
  resolveRange,
  usageQuery,
  writeFilters,
} from "./usage-range";

describe("usage filters in the URL", () => {
  it("round-trips presets, custom days, key and route", () => {
    const filters = {
      range: "custom" as const,
      from: "2026-11-01",
      to: "2026-11-07",
      key: "key_abc123",
      route: "GET /v1/resources/:id",
    };
    const text = writeFilters(filters);
    expect(readFilters(new URLSearchParams(text.slice(1)))).toEqual(filters);
    expect(writeFilters({ range: "24h" })).toBe("");
  });

  it("ignores what it cannot use", () => {
    expect(readFilters(new URLSearchParams("range=1y&key=drop%20table&from=x"))).toEqual({
      range: "24h",
    });
  });

  it("explains a custom range it cannot ask for", () => {
    expect(customRangeProblem({ range: "custom", from: "2026-11-07", to: "2026-11-01" })).toMatch(
      /before/,
    );
    expect(customRangeProblem({ range: "custom", from: "2020-01-01", to: "2026-01-01" })).toMatch(
      /at most/,
    );
    expect(
      customRangeProblem({ range: "custom", from: "2026-11-01", to: "2026-11-01" }),
    ).toBeNull();
  });

  it("asks for whole UTC days (the last one included) and a fitting granularity", () => {
    const now = Date.parse("2026-11-26T10:15:00Z");
    expect(resolveRange({ range: "custom", from: "2026-11-01", to: "2026-11-07" }, now)).toEqual({
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-08T00:00:00.000Z",
      granularity: "hour",
    });
    expect(resolveRange({ range: "30d" }, now).granularity).toBe("day");
    const day = resolveRange({ range: "24h" }, now);
    expect(Date.parse(day.to) - Date.parse(day.from)).toBe(86_400_000);
    const query = new URLSearchParams(
      usageQuery(day, { range: "24h", key: "portal" }, { group_by: "route" }),
    );
    expect(Object.fromEntries(query)).toMatchObject({
      granularity: "hour",
      key_id: "portal",
      group_by: "route",
    });
  });
});
