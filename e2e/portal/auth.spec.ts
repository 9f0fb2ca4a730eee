import { expect, test } from "@playwright/test";
import {
  DEMO_ACCOUNT,
  newAccount,
  signInViaUi,
  signOutViaUi,
  signUpViaUi,
  submitSignIn,
} from "../support/accounts";

test.describe("sign-up, sign-in and sign-out", () => {
  test("sign up lands on the dashboard in the new organization, signed in", async ({ page }) => {
    const account = await signUpViaUi(page);
    // The shell shows the new organization (free plan), its first project, and the owner.
    await expect(page.getByTestId("org-switcher")).toContainText(account.organization);
    await expect(page.getByTestId("org-switcher")).toContainText("Free");
    await expect(page.getByTestId("project-switcher")).toContainText("Default project");
    await page.getByTestId("user-menu").click();
    await expect(page.getByTestId("user-menu-email")).toHaveText(account.email);
    await expect(page.getByRole("menu", { name: "Account" })).toContainText("Role: owner");
  });

  test("sign out ends the session; signing in again brings the member back", async ({ page }) => {
    const account = await signUpViaUi(page, newAccount("cycle"));
    await signOutViaUi(page);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
    await signInViaUi(page, account);
    await expect(page.getByTestId("org-switcher")).toContainText(account.organization);
  });

  test("a wrong password shows an inline error and stays on /login", async ({ page }) => {
    await submitSignIn(page, { email: DEMO_ACCOUNT.email, password: "not-the-password" });
    const error = page.getByRole("alert", { name: "Sign-in failed" });
    await expect(error).toHaveText("Incorrect email or password.");
    await expect(page).toHaveURL(/\/login$/);
    // The form keeps the email, and a correct retry works.
    await expect(page.getByLabel("Email")).toHaveValue(DEMO_ACCOUNT.email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_ACCOUNT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("repeated failures for one account say 'too many attempts'", async ({ page }) => {
    // An address nobody owns: failures count per account (10) before the account is blocked.
    const target = { email: newAccount("throttled").email, password: "wrong-password" };
    await page.goto("/login");
    await page.getByLabel("Email").fill(target.email);
    const password = page.getByLabel("Password", { exact: true });
    const error = page.getByRole("alert", { name: "Sign-in failed" });
    for (let attempt = 1; attempt <= 10; attempt++) {
      await password.fill(`${target.password}-${attempt}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(error).toHaveText("Incorrect email or password.");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await password.fill(target.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(error).toContainText("Too many sign-in attempts");
  });

  test("parallel guesses at one account get no more password checks than the limit", async ({
    request,
  }) => {
    const email = newAccount("parallel").email;
    const csrf = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const response = await request.post("/api/auth/callback/credentials", {
          form: { email, password: `wrong-${i}`, csrfToken: csrf.csrfToken, json: "true" },
        });
        const { url } = (await response.json()) as { url?: string };
        return url ? new URL(url, "http://x").searchParams.get("error") : null;
      }),
    );
    // Each CredentialsSignin is a checked password; the rest were refused before any check.
    const checked = outcomes.filter((o) => o === "CredentialsSignin").length;
    expect(checked, outcomes.join(",")).toBeLessThanOrEqual(10);
    expect(outcomes.filter((o) => o === "Throttled").length).toBe(30 - checked);
  });

  test("a signed-out visit to the dashboard returns there after sign-in", async ({ page }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fdashboard$/);
    await page.getByLabel("Email").fill(DEMO_ACCOUNT.email);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_ACCOUNT.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByTestId("org-switcher")).toContainText(DEMO_ACCOUNT.organization);
  });

  test("the callback keeps a deep path and refuses other origins", async ({ page }) => {
    await signInViaUi(page, DEMO_ACCOUNT, "/dashboard?tab=keys");
    await page.context().clearCookies();
    for (const evil of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      await submitSignIn(page, DEMO_ACCOUNT, evil);
      await expect(page).toHaveURL(/\/dashboard$/);
      await page.context().clearCookies();
    }
  });

  test("sign-up validates inline, then reports server field errors", async ({ page }) => {
    await page.goto("/signup");
    await page.getByRole("button", { name: "Create account" }).click();
    const name = page.getByLabel("Your name");
    await expect(name).toHaveAttribute("aria-invalid", "true");
    await expect(name).toBeFocused();
    await expect(page.getByText("Enter your name")).toBeVisible();
    await expect(page.getByText("Enter a valid email address")).toBeVisible();
    await expect(page.getByText("Password must be at least 10 characters")).toBeVisible();
    // The error is tied to its control for screen readers.
    const describedBy = await name.getAttribute("aria-describedby");
    expect(describedBy).toBeTruthy();
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText("Enter your name");

    // A field is re-checked as the user fixes it.
    await name.fill("Grace");
    await expect(name).not.toHaveAttribute("aria-invalid", "true");

    // The email is taken: the server's answer lands on the email field.
    await page.getByLabel("Work email").fill(DEMO_ACCOUNT.email);
    await page.getByLabel("Password", { exact: true }).fill("long-enough-password");
    await page.getByLabel("Organization name").fill("Duplicate Inc");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("alert", { name: "Sign-up failed" })).toBeVisible();
    await expect(page.getByText("An account with this email already exists").last()).toBeVisible();
    await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
    await expect(page).toHaveURL(/\/signup$/);
  });

  test("the login page shows the demo account on a demo server, and no GitHub button", async ({
    page,
  }) => {
    await page.goto("/login");
    await expect(page.getByTestId("demo-credentials")).toContainText(DEMO_ACCOUNT.email);
    await expect(page.getByTestId("demo-credentials")).toContainText(DEMO_ACCOUNT.password);
    await expect(page.getByRole("button", { name: /GitHub/ })).toHaveCount(0);
  });

  test("a signed-in visit to /login goes to the dashboard", async ({ page }) => {
    await signInViaUi(page);
    await page.goto("/login");
    await expect(page).toHaveURL(/\/dashboard$/);
  });
});
