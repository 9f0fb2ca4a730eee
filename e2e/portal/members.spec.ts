import { type Browser, expect, type Page, test } from "@playwright/test";
import { fillSignUpForm, newAccount, signUpViaUi, type TestAccount } from "../support/accounts";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { proxyFromPage } from "../support/portal";

// The members journey in a real browser: invite by e-mail (the link is shown, no SMTP here),
// accept with the invited account only, role change and removal by the owner, resend kills the
// old link.

interface Invitation {
  id: string;
  email: string;
  status: string;
  accept_url: string | null;
}

/** Invites through the dialog on the members page; resolves with the link the dialog shows. */
async function inviteViaUi(page: Page, email: string, role: string): Promise<string> {
  await page.goto("/dashboard/settings/members");
  await page.getByRole("button", { name: "Invite member" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite a member" });
  await dialog.getByLabel("E-mail").fill(email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Send invitation" }).click();
  const created = page.getByRole("dialog", { name: "Invitation created" });
  await expect(created).toContainText("No mail server is configured");
  const link = (await created.getByTestId("invite-link").textContent())?.trim() ?? "";
  expect(link).toMatch(/\/invite\/[^/]+$/);
  await created.getByRole("button", { name: "Done" }).click();
  await expect(created).toHaveCount(0);
  return link;
}

async function pendingInvitation(page: Page, email: string): Promise<Invitation | undefined> {
  const list = await proxyFromPage<{ data: Invitation[] }>(
    page,
    "GET",
    "/v1/invitations?status=pending&per_page=100",
  );
  expect(list.status).toBe(200);
  return list.body.data.find((i) => i.email === email);
}

/** A fresh browser context: nobody signed in. */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** Signs up through /invite/<token> -> Create an account, lands back on the invitation. */
async function signUpFromInvitation(page: Page, link: string, account: TestAccount) {
  await page.goto(link);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page).toHaveURL(/\/signup\?callbackUrl=/);
  await fillSignUpForm(page, account);
  await expect(page).toHaveURL((url) => url.pathname === new URL(link).pathname, {
    timeout: 30_000,
  });
}

test("invite, accept with the invited account only, change the role, remove", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const owner = await signUpViaUi(page, newAccount("owner"));
  const invitee = newAccount("invitee");
  // Typed with capitals: the invitation is normalised, acceptance is case-insensitive.
  const link = await inviteViaUi(page, invitee.email.toUpperCase(), "developer");
  await expect(page.getByTestId("invitation-row").filter({ hasText: invitee.email })).toBeVisible();
  await expectNoSeriousA11yViolations(page);

  // A different signed-in account: refused with a clear message, the invitation stays pending.
  const stranger = await freshPage(browser);
  try {
    await signUpViaUi(stranger, newAccount("stranger"));
    await stranger.goto(link);
    await expect(
      stranger.getByRole("heading", { name: "This invitation is for someone else" }),
    ).toBeVisible();
    await expect(stranger.getByText(`Only ${invitee.email} can accept`)).toBeVisible();
    await expectNoSeriousA11yViolations(stranger);
    await expect(stranger.getByRole("button", { name: /^Join / })).toHaveCount(0);
    // Even a direct API call with that account's session cannot take it.
    const token = decodeURIComponent(new URL(link).pathname.split("/").pop() ?? "");
    const taken = await proxyFromPage(stranger, "POST", "/v1/invitations/accept", { token });
    expect(taken.status).toBe(403);
  } finally {
    await stranger.context().close();
  }
  expect((await pendingInvitation(page, invitee.email))?.status).toBe("pending");

  // The invited person, signed out: the invitation page, sign up with that e-mail, join.
  const member = await freshPage(browser);
  try {
    await member.goto(link);
    await expect(member.getByRole("heading", { name: `Join ${owner.organization}` })).toBeVisible();
    await expect(member.getByText(invitee.email).first()).toBeVisible();
    await signUpFromInvitation(member, link, invitee);
    await member.getByRole("button", { name: `Join ${owner.organization}` }).click();
    await expect(member).toHaveURL(/\/dashboard$/, { timeout: 30_000 });
    await expect(member.getByTestId("org-switcher")).toContainText(owner.organization);

    // The owner sees the new member; the invitation is gone from the pending list.
    await page.goto("/dashboard/settings/members");
    const row = page.getByTestId("member-row").filter({ hasText: invitee.email });
    await expect(row).toBeVisible();
    await expect(row.getByLabel(`Role of ${invitee.email}`)).toHaveValue("developer");
    await expect(page.getByTestId("invitation-row").filter({ hasText: invitee.email })).toHaveCount(
      0,
    );
    // The used link now says so.
    const reuse = await freshPage(browser);
    await reuse.goto(link);
    await expect(
      reuse.getByRole("heading", { name: "This invitation was already used" }),
    ).toBeVisible();
    await reuse.context().close();

    // As a developer they may create keys...
    await member.goto("/dashboard/settings/api-keys");
    await expect(member.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
    await expect(member.getByRole("button", { name: "Create key" }).first()).toBeVisible();

    // ...the owner makes them a viewer: their very next page load has no key controls.
    await row.getByLabel(`Role of ${invitee.email}`).selectOption("viewer");
    await expect(page.getByText(`${invitee.email} is now viewer`)).toBeVisible();
    await member.reload();
    await expect(member.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
    await expect(member.getByRole("button", { name: "Create key" })).toHaveCount(0);

    // Removal, with confirmation: the row goes, and the member's next request is not in the org.
    await row.getByRole("button", { name: "Remove" }).click();
    const confirm = page.getByRole("alertdialog", { name: `Remove ${invitee.email}?` });
    await confirm.getByRole("button", { name: "Remove member" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(page.getByTestId("member-row").filter({ hasText: invitee.email })).toHaveCount(0);
    await member.goto("/dashboard");
    await expect(member.getByTestId("org-switcher")).not.toContainText(owner.organization);
    await expect(member.getByTestId("org-switcher")).toContainText(invitee.organization);
  } finally {
    await member.context().close();
  }
});

test("resend gives a new link and the old one is dead", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const owner = await signUpViaUi(page, newAccount("owner"));
  const invitee = newAccount("resent");
  const first = await inviteViaUi(page, invitee.email, "viewer");

  const row = page.getByTestId("invitation-row").filter({ hasText: invitee.email });
  await row.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByText(`Invitation to ${invitee.email} sent again`)).toBeVisible();
  const renewed = await pendingInvitation(page, invitee.email);
  const second = renewed?.accept_url ?? "";
  expect(second).toMatch(/\/invite\/[^/]+$/);
  expect(second).not.toBe(first);

  const visitor = await freshPage(browser);
  try {
    await visitor.goto(first);
    await expect(visitor.getByRole("heading", { name: "This link was replaced" })).toBeVisible();
    await expect(visitor.getByRole("link", { name: "Create an account" })).toHaveCount(0);
    await visitor.goto(second);
    await expect(
      visitor.getByRole("heading", { name: `Join ${owner.organization}` }),
    ).toBeVisible();
  } finally {
    await visitor.context().close();
  }
});
