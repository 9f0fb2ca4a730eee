import { expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNT, signInViaApi } from "../support/accounts";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { proxyFromPage } from "../support/portal";
import { setSandbox } from "../support/shell";

async function heading(page: Page, name: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

test.describe("axe on the keys, resources and overview pages (both themes)", () => {
  test("overview, resources, resource detail and their dialogs", async ({ page, context }) => {
    test.setTimeout(150_000);
    await signInViaApi(context, DEMO_ACCOUNT);
    await page.goto("/dashboard");
    await heading(page, "Overview");
    await expect(page.getByTestId("resource-counts")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    const volume = await proxyFromPage<{ id: string }>(page, "POST", "/v1/resources", {
      type: "volume",
      name: "a11y-volume",
      labels: { team: "a11y" },
    });
    expect(volume.status).toBe(201);

    await page.goto("/dashboard/resources");
    await heading(page, "Resources");
    await expect(page.getByTestId("resource-row").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Create resource" }).click();
    await expect(page.getByRole("dialog", { name: "Create a resource" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("Escape");
    await page.getByLabel("Status").selectOption("failed");
    await expect(page.getByText("No resources match these filters")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.goto(`/dashboard/resources/${volume.body.id}`);
    await expect(page.getByTestId("resource-status").first()).toHaveText("active", {
      timeout: 20_000,
    });
    await expect(page.getByTestId("event-timeline")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Edit labels" }).click();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Delete" }).click();
    await expect(page.getByRole("alertdialog")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("Escape");

    await page.goto("/dashboard/resources/res_doesnotexist1");
    await expect(page.getByText("Resource not found")).toBeVisible();
    await expectNoSeriousA11yViolations(page);

    await page.keyboard.press("Control+k");
    await expect(page.getByRole("dialog", { name: "Command palette" })).toBeVisible();
    await page.getByRole("dialog", { name: "Command palette" }).getByRole("combobox").fill("a11y");
    await expect(page.getByRole("option", { name: /a11y-volume/ }).first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("API keys: table, create (restricted), reveal, rotate; Sandbox too", async ({
    page,
    context,
  }) => {
    test.setTimeout(150_000);
    await signInViaApi(context, DEMO_ACCOUNT);
    await page.goto("/dashboard/settings/api-keys");
    await heading(page, "API keys");
    await page.getByRole("button", { name: "Create key" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Create an API key" });
    await dialog.getByLabel("Restricted").check();
    await dialog.getByLabel("On a date").check();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByLabel("Full access").check();
    await dialog.getByRole("radio", { name: "Never", exact: true }).check();
    await dialog.getByLabel("Name").fill("a11y key");
    await dialog.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByTestId("secret-reveal")).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "I have saved it" }).click();
    await expect(page.getByTestId("api-key-row").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.getByRole("button", { name: "Rotate a11y key" }).click();
    await expect(page.getByRole("dialog", { name: /Rotate/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.keyboard.press("Escape");

    await setSandbox(page, true);
    await heading(page, "API keys");
    await expectNoSeriousA11yViolations(page);
    await page.goto("/dashboard");
    await heading(page, "Overview");
    await expectNoSeriousA11yViolations(page);
    await page.goto("/dashboard/resources");
    await heading(page, "Resources");
    await expectNoSeriousA11yViolations(page);
    await setSandbox(page, false);
  });
});
