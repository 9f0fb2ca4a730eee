import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/accounts/password";
import { signUp } from "@/lib/accounts/sign-up";
import { randomBase62 } from "@/lib/ids";
import {
  createTestRuntime,
  type StoreTarget,
  storeTargets,
  type TestRuntime,
} from "@/lib/testing/test-runtime";
import {
  ACCOUNT_FAILURES,
  ADDRESS_FAILURES,
  createSignInThrottle,
  type SignInThrottle,
} from "./sign-in-throttle";
import { type CredentialsResult, verifyCredentials } from "./verify-credentials";

// The real password check, wrapped so a test can count how many times it ran.
vi.mock("@/lib/accounts/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/accounts/password")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});
const passwordChecks = () => vi.mocked(verifyPassword).mock.calls.length;

const PASSWORD = "correct-horse-1";

/** The counters in the store (no Redis), and in Redis where CI has one. */
const variants: Array<{ target: StoreTarget; redis: boolean }> = storeTargets().flatMap(
  (target) => [
    { target, redis: false },
    ...(process.env.TEST_REDIS_URL && target === "postgres" ? [{ target, redis: true }] : []),
  ],
);

const tally = (results: CredentialsResult[]) => ({
  checked: passwordChecks(),
  invalid: results.filter((r) => !r.ok && r.reason === "invalid").length,
  signedIn: results.filter((r) => r.ok).length,
  throttled: results.filter((r) => !r.ok && r.reason === "throttled").length,
});

describe.each(variants)("sign-in on $target (redis: $redis)", ({ target, redis }) => {
  let runtime: TestRuntime;
  const redisPrefix = `test:${randomBase62(8)}:signin:`;

  const throttleOf = (rt: TestRuntime): SignInThrottle =>
    createSignInThrottle({
      db: rt.store.db,
      redis: redis ? rt.redis : null,
      now: rt.now,
      redisPrefix,
    });
  const newUser = async (): Promise<string> => {
    const email = `ada-${randomBase62(8).toLowerCase()}@example.com`;
    await signUp(
      runtime.store.db,
      { name: "Ada", email, password: PASSWORD, organization: "Analytical" },
      runtime.now(),
    );
    return email;
  };
  const attempt = (
    throttle: SignInThrottle,
    email: string,
    password: string,
    address = "203.0.113.1",
    rt = runtime,
  ) => verifyCredentials(rt.store.db, throttle, { email, password, address });
  const parallel = (n: number, run: (i: number) => Promise<CredentialsResult>) =>
    Promise.all(Array.from({ length: n }, (_, i) => run(i)));

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { redis });
  });
  afterAll(() => runtime.close());
  // In braces: a function returned from beforeEach would be run as the test's teardown.
  beforeEach(() => {
    vi.mocked(verifyPassword).mockClear();
  });

  it("accepts the right password, case-insensitive email", async () => {
    const email = await newUser();
    const result = await attempt(throttleOf(runtime), email.toUpperCase(), PASSWORD);
    expect(result).toMatchObject({ ok: true, user: { email } });
  });

  it("refuses a wrong password and an unknown account the same way", async () => {
    const throttle = throttleOf(runtime);
    const email = await newUser();
    expect(await attempt(throttle, email, "nope-nope-nope")).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await attempt(throttle, "who@example.com", "nope-nope-nope")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("checks at most 10 passwords of 200 parallel wrong sign-ins, then refuses the right one", async () => {
    const throttle = throttleOf(runtime);
    const email = await newUser();
    const results = await parallel(200, (i) =>
      attempt(throttle, email, `wrong-${i}`, `198.51.100.${i % 200}`),
    );
    expect(tally(results)).toEqual({
      checked: ACCOUNT_FAILURES.points,
      invalid: ACCOUNT_FAILURES.points,
      signedIn: 0,
      throttled: 200 - ACCOUNT_FAILURES.points,
    });
    const refused = results.find((r) => !r.ok && r.reason === "throttled");
    expect(refused).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    const right = await attempt(throttle, email, PASSWORD, "192.0.2.77");
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
    expect(passwordChecks()).toBe(ACCOUNT_FAILURES.points);
  });

  it("counts for one account across two instances sharing the store (and Redis)", async () => {
    const second = await createTestRuntime(target, {
      redis,
      postgresSchema: runtime.postgresSchema ?? undefined,
      sqliteFile: runtime.sqliteFile ?? undefined,
    });
    try {
      const email = await newUser();
      const [first, other] = [throttleOf(runtime), throttleOf(second)];
      const results = await parallel(200, (i) =>
        i % 2 === 0
          ? attempt(first, email, `wrong-${i}`, `198.51.100.${i % 200}`)
          : attempt(other, email, `wrong-${i}`, `198.51.100.${i % 200}`, second),
      );
      expect(tally(results).checked).toBe(ACCOUNT_FAILURES.points);
    } finally {
      await second.close();
    }
  });

  it("reserves at most 50 attempts per address, whatever the accounts", async () => {
    const throttle = throttleOf(runtime);
    const address = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const waits = await Promise.all(
      Array.from({ length: 200 }, (_, i) => throttle.reserve(`guess-${i}@example.com`, address)),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(ADDRESS_FAILURES.points);
    expect(Math.min(...waits.filter((w) => w > 0))).toBeGreaterThan(0);
  });

  it("starts the account afresh after a success before the block, as before", async () => {
    const throttle = throttleOf(runtime);
    const email = await newUser();
    const failures = await parallel(3, (i) => attempt(throttle, email, `wrong-${i}`));
    expect(tally(failures)).toMatchObject({ checked: 3, invalid: 3 });
    expect(await attempt(throttle, email, PASSWORD)).toMatchObject({ ok: true });
    // The count is back at zero: ten more attempts fit before the block (seven would, had the
    // three failures still counted), the eleventh does not.
    const address = "192.0.2.10";
    for (let i = 0; i < ACCOUNT_FAILURES.points; i++) {
      expect(await throttle.reserve(email, address)).toBe(0);
    }
    expect(await throttle.reserve(email, address)).toBeGreaterThan(0);
  });

  it("rejects a duplicate sign-up with a field error", async () => {
    const email = await newUser();
    await expect(
      signUp(
        runtime.store.db,
        { name: "Ada", email, password: "another-pass-1", organization: "X Org" },
        runtime.now(),
      ),
    ).rejects.toMatchObject({ code: "conflict", errors: [{ field: "email" }] });
  });
});
