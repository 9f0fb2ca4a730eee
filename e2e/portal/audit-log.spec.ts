import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { newAccount, signInViaApi, signUpViaUi } from "../support/accounts";
import { addMember } from "../support/admin";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { createKeyViaUi, proxyFromPage } from "../support/portal";

// The audit log page in a real browser: changes made through the portal show up with their
// actor, the filters live in the URL, the drawer shows before/after, the CSV export is what the
// filters match, and a role without audit:read neither sees the page in the sidebar nor reads it.

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

async function downloadCsv(page: Page): Promise<Array<Record<string, string>>> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("audit-csv").click(),
  ]);
  const [header, ...rows] = parseCsv(readFileSync(await download.path(), "utf8"));
  expect(header?.slice(0, 4)).toEqual(["id", "occurred_at", "action", "outcome"]);
  return rows.map((cells) => Object.fromEntries((header ?? []).map((h, i) => [h, cells[i] ?? ""])));
}

const rowsOf = (page: Page) => page.getByTestId("audit-row");

test("changes through the portal are in the audit log: filters in the URL, before/after, CSV", async ({
  page,
}) => {
  test.setTimeout(150_000);
  const owner = await signUpViaUi(page, newAccount("auditor"));
  await createKeyViaUi(page, "audit ci");
  const key = page.getByTestId("api-key-row").filter({ hasText: "audit ci" });
  await key.getByRole("button", { name: "Revoke audit ci" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(key.getByTestId("key-status")).toHaveText("revoked");

  // The sidebar leads there (owners hold audit:read).
  await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).first().click();
  await expect(page).toHaveURL(/\/dashboard\/settings\/audit-log$/);
  await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  const created = rowsOf(page).and(page.locator('[data-action="api_key.created"]'));
  const revoked = rowsOf(page).and(page.locator('[data-action="api_key.revoked"]'));
  await expect(created).toHaveCount(1);
  await expect(revoked).toHaveCount(1);
  // Newest first, by the member who did it, from the portal.
  await expect(rowsOf(page).first()).toHaveAttribute("data-action", "api_key.revoked");
  for (const row of [created, revoked]) {
    await expect(row.getByTestId("audit-actor")).toContainText(owner.email);
    await expect(row).toContainText("audit ci");
    await expect(row).toContainText("portal");
  }
  await expectNoSeriousA11yViolations(page);

  // Filter by action: the table narrows, the URL says so, a reload keeps it.
  await page.getByLabel("Action", { exact: true }).fill("api_key.revoked");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]action=api_key\.revoked(&|$)/);
  await expect(rowsOf(page)).toHaveCount(1);
  await expect(revoked).toHaveCount(1);
  await page.reload();
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("api_key.revoked");
  await expect(rowsOf(page)).toHaveCount(1);
  await expect(revoked).toHaveCount(1);
  const revokedId = await revoked.getAttribute("data-entry-id");

  // The family wildcard takes in both.
  await page.getByLabel("Action", { exact: true }).fill("api_key.*");
  await page.getByLabel("Action", { exact: true }).press("Enter");
  await expect(page).toHaveURL(/[?&]action=api_key\.\*(&|$)/);
  await expect(rowsOf(page)).toHaveCount(2);

  // The drawer: before/after field by field, the actor, the request, the source.
  await revoked.getByRole("button", { name: "api_key.revoked: show details" }).click();
  const drawer = page.getByTestId("audit-drawer");
  await expect(drawer).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`[?&]entry=${revokedId}`));
  await expect(drawer.getByRole("heading", { name: "api_key.revoked" })).toBeVisible();
  const status = drawer.locator('[data-testid="audit-diff-row"][data-field="status"]');
  await expect(status).toHaveAttribute("data-kind", "changed");
  await expect(status.locator("td").nth(0)).toHaveText("active");
  await expect(status.locator("td").nth(1)).toHaveText("revoked");
  const revokedAt = drawer.locator('[data-testid="audit-diff-row"][data-field="revoked_at"]');
  await expect(revokedAt.locator("td").nth(0)).toHaveText("null");
  await expect(revokedAt.locator("td").nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2}T/);
  await expect(drawer.getByTestId("audit-drawer-actor")).toContainText(owner.email);
  await expect(drawer.getByTestId("audit-drawer-source")).toHaveText("portal");
  await expect(drawer.getByTestId("audit-request-id")).toHaveText(/^req_/);
  await expectNoSeriousA11yViolations(page);
  // The entry is in the URL: a reload opens it again; Escape closes it and keeps the filters.
  await page.reload();
  await expect(page.getByTestId("audit-drawer")).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("audit-drawer")).toHaveCount(0);
  await expect(page).not.toHaveURL(/entry=/);
  await expect(page).toHaveURL(/action=api_key\.\*/);

  // A created key's entry: every field is new.
  await created.getByRole("button", { name: "api_key.created: show details" }).click();
  await expect(
    page.getByTestId("audit-drawer").locator('[data-testid="audit-diff-row"][data-field="name"]'),
  ).toHaveAttribute("data-kind", "added");
  // "Only this actor" narrows to the member's own entries (both are theirs).
  await page.getByTestId("audit-drawer").getByRole("button", { name: "Only this actor" }).click();
  await expect(page.getByTestId("audit-drawer")).toHaveCount(0);
  await expect(page).toHaveURL(/[?&]actor_id=usr_[A-Za-z0-9]+/);
  await expect(page.getByLabel("Actor ID")).toHaveValue(/^usr_/);
  await expect(rowsOf(page)).toHaveCount(2);
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/audit-log$/);

  // The CSV export honours the filters: exactly the revoked entry.
  await page.getByLabel("Action", { exact: true }).fill("api_key.revoked");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rowsOf(page)).toHaveCount(1);
  await expect(page.getByTestId("audit-csv")).toHaveAttribute(
    "href",
    "/api/proxy/v1/audit-logs?action=api_key.revoked&format=csv",
  );
  const exported = await downloadCsv(page);
  expect(exported.map((r) => [r.id, r.action, r.actor_display, r.source])).toEqual([
    [revokedId, "api_key.revoked", owner.email, "portal"],
  ]);
  expect(JSON.parse(exported[0]?.after ?? "{}")).toMatchObject({ status: "revoked" });
  // Without the filter, both.
  await page.getByRole("button", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/audit-log$/);
  const everything = await downloadCsv(page);
  expect(everything.filter((r) => (r.action ?? "").startsWith("api_key.")).length).toBe(2);
});

test("bad filter values get an inline message, not a failed page", async ({ page }) => {
  await signUpViaUi(page, newAccount("auditbad"));
  await page.goto(
    "/dashboard/settings/audit-log?outcome=maybe&occurred_gte=yesterday&action=api_key.created",
  );
  const ignored = page.getByTestId("audit-url-problems");
  await expect(ignored).toContainText("Part of the address was ignored");
  await expect(ignored).toContainText("outcome");
  await expect(ignored).toContainText("occurred_gte");
  // The valid part still applies; the CSV link carries only that.
  await expect(page.getByLabel("Action", { exact: true })).toHaveValue("api_key.created");
  await expect(page.getByTestId("audit-csv")).toHaveAttribute(
    "href",
    "/api/proxy/v1/audit-logs?action=api_key.created&format=csv",
  );

  // Typed: refused beside the field, the URL unchanged.
  const before = page.url();
  await page.getByLabel("Action", { exact: true }).fill("Not An Action!");
  await page.getByLabel("Target ID").fill("nope");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("Actions look like api_key.created")).toBeVisible();
  await expect(page.getByText("A target is an id such as")).toBeVisible();
  await expect(page.getByLabel("Action", { exact: true })).toHaveAttribute("aria-invalid", "true");
  expect(page.url()).toBe(before);
  await expectNoSeriousA11yViolations(page);

  // A range that ends before it starts.
  await page.getByLabel("Action", { exact: true }).fill("");
  await page.getByLabel("Target ID").fill("");
  await page.getByLabel("From (UTC)").fill("2026-05-05T10:00");
  await page.getByLabel("To (UTC)").fill("2026-05-04T10:00");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("The start of the range is after its end.")).toBeVisible();
  expect(page.url()).toBe(before);

  // A valid range goes into the URL as UTC timestamps.
  await page.getByLabel("From (UTC)").fill("2020-01-01T00:00");
  await page.getByLabel("To (UTC)").fill("2020-01-02T00:00");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(
    /occurred_gte=2020-01-01T00%3A00%3A00\.000Z&occurred_lte=2020-01-02T00%3A00%3A59\.999Z/,
  );
  await expect(page.getByText("No entries match these filters")).toBeVisible();

  // A link to an entry that is not there (or another organization's): the drawer says so.
  await page.goto("/dashboard/settings/audit-log?entry=aud_doesnotexist1");
  await expect(page.getByTestId("audit-drawer")).toContainText("Could not load this entry");
});

test("Load more pages through the log with the cursor", async ({ page }) => {
  test.setTimeout(120_000);
  await signUpViaUi(page, newAccount("auditmore"));
  // 55 keys: one entry each, more than the 50 of a page.
  const made = await page.evaluate(async () => {
    let ok = 0;
    for (let i = 0; i < 55; i++) {
      const res = await fetch("/api/proxy/v1/api-keys", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: `bulk ${i}` }),
      });
      if (res.status === 201) ok++;
    }
    return ok;
  });
  expect(made).toBe(55);
  await page.goto("/dashboard/settings/audit-log?action=api_key.created");
  await expect(rowsOf(page)).toHaveCount(50);
  await expect(page.getByTestId("audit-count")).toHaveText("50 shown of 55");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(rowsOf(page)).toHaveCount(55);
  await expect(page.getByTestId("audit-count")).toHaveText("55 shown of 55");
  await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  const ids = await rowsOf(page).evaluateAll((rows) => rows.map((r) => r.dataset.entryId));
  expect(new Set(ids).size).toBe(55);
});

test("a viewer has no audit log in the sidebar and is refused with a clear message", async ({
  browser,
}) => {
  const viewer = newAccount("auditviewer");
  await addMember("acme-demo", viewer.email, "viewer", viewer.password);
  const context = await browser.newContext();
  try {
    await signInViaApi(context, viewer);
    const page = await context.newPage();
    await page.goto("/dashboard");
    const nav = page.getByRole("navigation").first();
    await expect(nav.getByRole("link", { name: "Members" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);

    await page.goto("/dashboard/settings/audit-log");
    await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(page.getByText("The audit log is not part of your role")).toBeVisible();
    await expect(page.getByTestId("audit-row")).toHaveCount(0);
    await expect(page.getByTestId("audit-csv")).toHaveCount(0);
    // The API behind it refuses too.
    const direct = await proxyFromPage(page, "GET", "/v1/audit-logs");
    expect(direct.status).toBe(403);
  } finally {
    await context.close();
  }
});
