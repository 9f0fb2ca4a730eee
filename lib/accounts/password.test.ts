import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { hashPassword, PASSWORD_HASHING, verifyPassword } from "./password";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(stored).toMatch(/^scrypt\$17\$8\$1\$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterx", stored)).toBe(false);
  });

  it("refuses stored hashes weaker than the floor or malformed", async () => {
    expect(await verifyPassword("x", "scrypt$10$8$1$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$abc")).toBe(false);
  });

  it("hashes a few at a time, queues a few more, and refuses the rest as throttled", async () => {
    const stored = await hashPassword("correct horse battery");
    const burst = PASSWORD_HASHING.concurrent + PASSWORD_HASHING.queued + 5;
    const results = await Promise.allSettled(
      Array.from({ length: burst }, () => verifyPassword("wrong horse battery", stored)),
    );
    const refused = results.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).code).toBe("rate_limited");
    }
    expect(results.filter((r) => r.status === "fulfilled" && r.value === false)).toHaveLength(
      burst - 5,
    );
    // The slots are all given back: a later check runs at once.
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
  });
});
