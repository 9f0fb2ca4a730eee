import { randomBytes } from "node:crypto";
import { type APIRequestContext, type BrowserContext, expect, type Page } from "@playwright/test";

/** The account seeded on an empty store (SEED_DEMO=1 in playwright.config.ts): pro plan, owner. */
export const DEMO_ACCOUNT = {
  email: "demo@example.com",
  password: "demo-password",
  organization: "Acme Demo",
} as const;

export interface TestAccount {
  name: string;
  email: string;
  password: string;
  organization: string;
}

/** A never-used identity; the email is unique across workers and runs. */
export function newAccount(label = "user"): TestAccount {
  const tag = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  return {
    name: `Test ${label}`,
    email: `${label}-${tag}@example.com`,
    password: `pw-${tag}-long-enough`,
    organization: `Org ${label} ${tag}`,
  };
}

/** Fills the /signup form (wherever it was reached from) and sends it. */
export async function fillSignUpForm(page: Page, account: TestAccount): Promise<void> {
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByLabel("Organization name").fill(account.organization);
  await page.getByRole("button", { name: "Create account" }).click();
}

/**
 * Signs up through the real /signup form and waits for the dashboard. Costs one of the
 * per-address sign-ups (SIGNUP_LIMIT_PER_HOUR, raised for e2e in playwright.config.ts).
 */
export async function signUpViaUi(page: Page, account = newAccount()): Promise<TestAccount> {
  await page.goto("/signup");
  await fillSignUpForm(page, account);
  // Sign-up hashes a password and signs in: allow for a busy CI machine.
  await expect(page).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  return account;
}

/** Fills and submits /login (optionally with a callbackUrl); does not wait for the outcome. */
export async function submitSignIn(
  page: Page,
  credentials: { email: string; password: string },
  callbackUrl?: string,
): Promise<void> {
  await page.goto(callbackUrl ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login");
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password", { exact: true }).fill(credentials.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the /login form and waits for the dashboard (or the given path). */
export async function signInViaUi(
  page: Page,
  credentials: { email: string; password: string } = DEMO_ACCOUNT,
  landing = "/dashboard",
): Promise<void> {
  await submitSignIn(page, credentials, landing === "/dashboard" ? undefined : landing);
  await expect(page).toHaveURL((url) => `${url.pathname}${url.search}` === landing, {
    timeout: 30_000,
  });
}

/**
 * Signs in without the UI (next-auth's REST endpoints), fast: the session cookie lands in the
 * browser context, so its pages are signed in. Use it when sign-in is not what a test is about.
 */
export async function signInViaApi(
  target: BrowserContext | APIRequestContext,
  credentials: { email: string; password: string } = DEMO_ACCOUNT,
): Promise<void> {
  const request = "request" in target ? target.request : target;
  const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { ...credentials, csrfToken: csrf.csrfToken, callbackUrl: "/dashboard", json: "true" },
  });
  const body = (await response.json()) as { url?: string };
  const error = body.url ? new URL(body.url, "http://x").searchParams.get("error") : null;
  expect(error, `sign-in as ${credentials.email}`).toBeNull();
  expect(response.ok()).toBe(true);
}

/** Opens the account menu and signs out; waits for /login. */
export async function signOutViaUi(page: Page): Promise<void> {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/, { timeout: 30_000 });
}
