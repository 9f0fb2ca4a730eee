import { describe, expect, it } from "vitest";
import { newRequestId } from "./request-id";

describe("newRequestId", () => {
  it("is req_ and 20 base62 characters", () => {
    expect(newRequestId()).toMatch(/^req_[0-9A-Za-z]{20}$/);
  });

  it("sorts by the time it was minted, and ids of one millisecond still differ", () => {
    const earlier = newRequestId(1_764_000_000_000);
    const later = newRequestId(1_764_000_000_001);
    const muchLater = newRequestId(2_000_000_000_000);
    expect(earlier < later && later < muchLater).toBe(true);
    const same = new Set(Array.from({ length: 1000 }, () => newRequestId(1_764_000_000_000)));
    expect(same.size).toBe(1000);
    for (const id of same) expect(id.slice(0, 11)).toBe(earlier.slice(0, 11));
  });
});
