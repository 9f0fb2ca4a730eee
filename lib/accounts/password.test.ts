import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { hashPassword, PASSWORD_HASHING, verifyPassword, withHashingSlot } from "./password";

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
    // Work that ends when the test says so, so the slots' state is exact whatever the load.
    const finishers: Array<() => void> = [];
    let running = 0;
    let mostAtOnce = 0;
    const work = () =>
      new Promise<void>((resolve) => {
        running++;
        mostAtOnce = Math.max(mostAtOnce, running);
        finishers.push(() => {
          running--;
          resolve();
        });
      });
    const burst = PASSWORD_HASHING.concurrent + PASSWORD_HASHING.queued + 5;
    const pending = Array.from({ length: burst }, () => withHashingSlot(work));
    const results = Promise.allSettled(pending);
    await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(PASSWORD_HASHING.concurrent);
    while (finishers.length > 0) {
      finishers.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const settled = await results;
    const refused = settled.filter((r) => r.status === "rejected");
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(AppError);
      expect((r.reason as AppError).code).toBe("rate_limited");
    }
    expect(settled.filter((r) => r.status === "fulfilled")).toHaveLength(burst - 5);
    expect(mostAtOnce).toBe(PASSWORD_HASHING.concurrent);
    // The slots are all given back: a real check runs at once.
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
  });
});
