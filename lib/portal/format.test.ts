import { describe, expect, it } from "vitest";
import { formatDateTime, formatRelative } from "./format";

describe("portal time formatting", () => {
  const now = Date.parse("2026-05-04T10:00:00.000Z");

  it("says how long ago, in both directions", () => {
    expect(formatRelative("2026-05-04T09:59:50.000Z", now)).toBe("just now");
    expect(formatRelative("2026-05-04T09:55:00.000Z", now)).toBe("5 min ago");
    expect(formatRelative("2026-05-04T07:00:00.000Z", now)).toBe("3 h ago");
    expect(formatRelative("2026-05-11T10:00:00.000Z", now)).toBe("in 7 d");
    expect(formatRelative("2025-01-01T00:00:00.000Z", now)).toBe("Jan 1, 2025");
  });

  it("prints UTC and leaves garbage as it is", () => {
    expect(formatDateTime("2026-05-04T10:00:00.000Z")).toMatch(/May 4, 2026.*10:00.*UTC/);
    expect(formatDateTime("nope")).toBe("nope");
  });
});
