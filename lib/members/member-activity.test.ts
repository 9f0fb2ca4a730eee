import { describe, expect, it } from "vitest";
import { isActivityStale } from "./member-activity";

describe("member activity", () => {
  const now = new Date("2026-12-02T12:00:00.000Z");
  it("writes for a member never recorded or recorded over 5 minutes ago, not in between", () => {
    expect(isActivityStale(null, now)).toBe(true);
    expect(isActivityStale(undefined, now)).toBe(true);
    expect(isActivityStale("2026-12-02T11:54:59.000Z", now)).toBe(true);
    expect(isActivityStale("2026-12-02T11:59:00.000Z", now)).toBe(false);
  });
});
