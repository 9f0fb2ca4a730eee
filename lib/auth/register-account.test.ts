import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { registerAccount, SIGN_UPS_PER_ADDRESS_PER_HOUR } from "./register-account";

const form = (n: number) => ({
  name: `User ${n}`,
  email: `user${n}@example.com`,
  password: "long-enough-password",
  organization: `Org ${n}`,
});

describe("SIGNUP_LIMIT_PER_HOUR", () => {
  it("defaults to the documented 20 and refuses nonsense", () => {
    expect(parseConfig({}).signupLimitPerHour).toBe(SIGN_UPS_PER_ADDRESS_PER_HOUR);
    expect(parseConfig({ SIGNUP_LIMIT_PER_HOUR: "500" }).signupLimitPerHour).toBe(500);
    expect(() => parseConfig({ SIGNUP_LIMIT_PER_HOUR: "0" })).toThrow(/SIGNUP_LIMIT_PER_HOUR/);
    expect(() => parseConfig({ SIGNUP_LIMIT_PER_HOUR: "lots" })).toThrow(/SIGNUP_LIMIT_PER_HOUR/);
  });
});

describe.each(storeTargets())("registerAccount on %s", (target) => {
  let runtime: TestRuntime;
  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { SIGNUP_LIMIT_PER_HOUR: "2" } });
  });
  afterAll(() => runtime.close());

  it("limits sign-ups per address to the configured number, not per other address", async () => {
    expect(await registerAccount(runtime, form(1), "203.0.113.7")).toMatchObject({ ok: true });
    expect(await registerAccount(runtime, form(2), "203.0.113.7")).toMatchObject({ ok: true });
    const third = await registerAccount(runtime, form(3), "203.0.113.7");
    expect(third).toMatchObject({ ok: false, fieldErrors: {} });
    if (!third.ok) expect(third.message).toMatch(/Too many sign-ups/);
    expect(await registerAccount(runtime, form(4), "198.51.100.7")).toMatchObject({ ok: true });
  });

  it("answers field errors for bad input and a taken email", async () => {
    const bad = await registerAccount(runtime, { ...form(5), email: "nope" }, "192.0.2.1");
    expect(bad).toMatchObject({ ok: false, fieldErrors: { email: "Enter a valid email address" } });
    const taken = await registerAccount(runtime, form(1), "192.0.2.2");
    expect(taken).toMatchObject({ ok: false, fieldErrors: { email: expect.any(String) } });
  });
});
