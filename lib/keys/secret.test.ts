import { describe, expect, it } from "vitest";
import { generateKeySecret, hashKeySecret, parseKeySecret } from "./secret";

describe("key secrets", () => {
  it("generates keys that parse back with their environment", () => {
    const live = generateKeySecret("live");
    const test = generateKeySecret("test");
    expect(live).toMatch(/^sk_live_[0-9A-Za-z]{38}$/);
    expect(parseKeySecret(live)?.environment).toBe("live");
    expect(parseKeySecret(test)?.environment).toBe("test");
  });

  it("refuses a key with one character changed (checksum)", () => {
    const key = generateKeySecret("live");
    const index = 12;
    const changed = key.slice(0, index) + (key[index] === "a" ? "b" : "a") + key.slice(index + 1);
    expect(parseKeySecret(changed)).toBeNull();
  });

  it("refuses malformed keys", () => {
    for (const bad of [
      "",
      "sk_live_",
      "pk_live_abc",
      `sk_prod_${"a".repeat(38)}`,
      "x".repeat(46),
    ]) {
      expect(parseKeySecret(bad)).toBeNull();
    }
  });

  it("hashes deterministically and never returns the secret", () => {
    const key = generateKeySecret("test");
    expect(hashKeySecret(key)).toBe(hashKeySecret(key));
    expect(hashKeySecret(key)).not.toContain(key.slice(8));
  });
});
