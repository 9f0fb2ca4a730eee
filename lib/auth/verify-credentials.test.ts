import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUp } from "@/lib/accounts/sign-up";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { ACCOUNT_FAILURES, createSignInThrottle } from "./sign-in-throttle";
import { verifyCredentials } from "./verify-credentials";

describe.each(storeTargets())("sign-in on %s", (target) => {
  let runtime: TestRuntime;

  beforeAll(async () => {
    runtime = await createTestRuntime(target);
    await signUp(
      runtime.store.db,
      {
        name: "Ada",
        email: "ada@example.com",
        password: "correct-horse-1",
        organization: "Analytical",
      },
      runtime.now(),
    );
  });
  afterAll(() => runtime.close());

  it("accepts the right password, case-insensitive email", async () => {
    const throttle = createSignInThrottle(null);
    const result = await verifyCredentials(runtime.store.db, throttle, {
      email: "ADA@example.com",
      password: "correct-horse-1",
      address: "203.0.113.1",
    });
    expect(result).toMatchObject({ ok: true, user: { email: "ada@example.com" } });
  });

  it("refuses a wrong password and an unknown account the same way", async () => {
    const throttle = createSignInThrottle(null);
    const wrong = await verifyCredentials(runtime.store.db, throttle, {
      email: "ada@example.com",
      password: "nope-nope-nope",
      address: "203.0.113.2",
    });
    const unknown = await verifyCredentials(runtime.store.db, throttle, {
      email: "who@example.com",
      password: "nope-nope-nope",
      address: "203.0.113.2",
    });
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
  });

  it("blocks an account after repeated failures, even with the right password", async () => {
    const throttle = createSignInThrottle(null);
    for (let i = 0; i < ACCOUNT_FAILURES.points; i++) {
      await throttle.recordFailure("ada@example.com", `198.51.100.${i}`);
    }
    const result = await verifyCredentials(runtime.store.db, throttle, {
      email: "ada@example.com",
      password: "correct-horse-1",
      address: "203.0.113.9",
    });
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    if (!result.ok) expect(result.retryAfterSeconds).toBeGreaterThan(0);
  });

  it("rejects a duplicate sign-up with a field error", async () => {
    await expect(
      signUp(
        runtime.store.db,
        {
          name: "Ada",
          email: "ada@example.com",
          password: "another-pass-1",
          organization: "X Org",
        },
        runtime.now(),
      ),
    ).rejects.toMatchObject({ code: "conflict", errors: [{ field: "email" }] });
  });
});
