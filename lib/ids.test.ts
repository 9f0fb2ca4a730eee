import { describe, expect, it } from "vitest";
import { BASE62, newId, randomBase62 } from "./ids";

describe("randomBase62", () => {
  it("gives text of the asked length in the base62 alphabet", () => {
    for (const length of [1, 7, 16, 38]) {
      const text = randomBase62(length);
      expect(text).toHaveLength(length);
      expect(text).toMatch(/^[0-9A-Za-z]+$/);
    }
  });

  it("never repeats across many refills of its byte pool", () => {
    // 5,000 ids of 16 characters draw ~86 KB: twenty-odd refills of the 4 KiB pool.
    const ids = Array.from({ length: 5_000 }, () => newId("res"));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => /^res_[0-9A-Za-z]{16}$/.test(id))).toBe(true);
  });

  it("uses every character about equally often", () => {
    const counts = new Map<string, number>();
    const text = randomBase62(62 * 2_000);
    for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(BASE62.length);
    // Expected 2,000 each; a biased draw (byte % 62 without dropping 248-255) gives the first
    // eight characters ~2,420 (5 bytes of 256 each against 4).
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(1_780);
      expect(count).toBeLessThan(2_220);
    }
  });
});
