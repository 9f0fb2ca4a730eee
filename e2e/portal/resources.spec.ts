import { expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNT, newAccount, signInViaApi, signUpViaUi } from "../support/accounts";
import { addMember } from "../support/admin";
import { createResourceViaUi, ENVIRONMENTS, proxyFromPage } from "../support/portal";
import { setSandbox } from "../support/shell";

const rowOf = (page: Page, name: string) =>
  page.getByTestId("resource-row").filter({ has: page.getByRole("link", { name, exact: true }) });

for (const environment of ENVIRONMENTS) {
  const label = environment === "test" ? "Sandbox" : "Live";

  test(`resources in ${label}: every type provisions, filters, pages, attach, 409, detach, delete`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await signUpViaUi(page);
    if (environment === "test") await setSandbox(page, true);
    await page.goto("/dashboard/resources");
    await expect(page.getByRole("heading", { level: 1, name: "Resources" })).toBeVisible();
    await expect(page.getByText("No resources yet")).toBeVisible();

    // Create one of each type; each turns active on screen without a reload.
    const made = [
      ["Instance", "web-1"],
      ["Volume", "data-1"],
      ["Bucket", "logs-1"],
      ["Network", "vpc-1"],
      ["Load balancer", "lb-1"],
    ] as const;
    for (const [type, name] of made) await createResourceViaUi(page, type, name);
    for (const [, name] of made) {
      await expect(rowOf(page, name).getByTestId("resource-status")).toHaveText("active", {
        timeout: 20_000,
      });
    }
    expect(page.url()).toMatch(/\/dashboard\/resources$/);

    // Filters live in the URL and survive a reload (shareable).
    await page.getByLabel("Type").selectOption("volume");
    await expect(page).toHaveURL(/type=volume/);
    await expect(page.getByTestId("resource-row")).toHaveCount(1);
    await expect(rowOf(page, "data-1")).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Type")).toHaveValue("volume");
    await expect(page.getByTestId("resource-row")).toHaveCount(1);
    await page.getByLabel("Type").selectOption("");
    await page.getByLabel("Name").fill("lb");
    await expect(page).toHaveURL(/q=lb/);
    await expect(page.getByTestId("resource-row")).toHaveCount(1);
    await page.getByLabel("Name").fill("");
    await page.getByLabel("Status").selectOption("provisioning");
    await expect(page.getByText("No resources match these filters")).toBeVisible();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect(page.getByTestId("resource-row")).toHaveCount(5);

    // More than one page: 8 more buckets through the proxy, 10 per page.
    for (let i = 0; i < 8; i++) {
      const res = await proxyFromPage(page, "POST", "/v1/resources", {
        name: `bulk-${i}`,
        type: "bucket",
      });
      expect(res.status).toBe(201);
    }
    await page.getByLabel("Per page").selectOption("10");
    await expect(page).toHaveURL(/limit=10/);
    await expect(page.getByTestId("resource-row")).toHaveCount(10);
    await expect(page.getByTestId("resource-count")).toHaveText("10 shown of 13");
    await page.getByRole("button", { name: "Next" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page.getByTestId("resource-row")).toHaveCount(3);
    const secondPage = page.url();
    const lastThree = await page.getByTestId("resource-row").getByRole("link").allTextContents();
    expect(lastThree).toEqual(["logs-1", "data-1", "web-1"]);
    await page.goto(secondPage);
    await expect(page.getByTestId("resource-row")).toHaveCount(3);
    // Retried: right after the load the rows may still be re-rendering from the server's data.
    await expect(page.getByTestId("resource-row").getByRole("link")).toHaveText(lastThree);
    await page.getByRole("button", { name: "First page" }).click();
    await expect(page.getByTestId("resource-row")).toHaveCount(10);

    // Detail of the volume: attach it to the instance.
    await page.goto("/dashboard/resources?type=volume");
    await rowOf(page, "data-1").getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("data-1");
    await expect(page.getByTestId("event-timeline")).toContainText("resource.active");
    const attach = page.getByLabel("Attach to instance");
    await expect(attach.locator("option", { hasText: "web-1" })).toHaveCount(1);
    const option = (await attach.locator("option", { hasText: "web-1" }).textContent()) ?? "";
    await attach.selectOption({ label: option });
    await page.getByRole("button", { name: "Attach", exact: true }).click();
    await expect(page.getByText("Attached to")).toBeVisible();
    const instanceId = (await page.getByText("Attached to").getByRole("link").textContent()) ?? "";
    expect(instanceId).toMatch(/^res_/);

    // The instance uses the volume now: deleting it is refused with the API's reason.
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    const problem = page.getByTestId("delete-problem");
    await expect(problem).toBeVisible();
    await expect(problem).toContainText("in use");
    await expect(problem).toContainText(instanceId);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("data-1");

    // Labels (optimistic) and rename.
    await page.getByRole("button", { name: "Edit labels" }).click();
    await page.getByRole("button", { name: "Add label" }).click();
    await page.getByLabel("Label 1 key").fill("env");
    await page.getByLabel("Label 1 value").fill("prod");
    await page.getByRole("button", { name: "Save labels" }).click();
    await expect(page.getByTestId("labels")).toHaveText("env=prod");
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("New name").fill("data-2");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByTestId("resource-name")).toHaveText("data-2");
    await page.reload();
    await expect(page.getByTestId("resource-name")).toHaveText("data-2");
    await expect(page.getByTestId("labels")).toHaveText("env=prod");

    // Detach, then delete: back to the list, and it is gone.
    await page.getByRole("button", { name: "Detach" }).click();
    await expect(page.getByLabel("Attach to instance")).toBeVisible();
    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
    await expect(page).toHaveURL(/\/dashboard\/resources$/);
    await expect(rowOf(page, "web-1")).toBeVisible();
    await expect(rowOf(page, "data-2")).toHaveCount(0);

    // Instance actions follow its state.
    await rowOf(page, "web-1").getByRole("link").click();
    await page.getByRole("button", { name: "Stop" }).click();
    await expect(page.getByTestId("resource-status").first()).toHaveText("stopped");
    await page.getByRole("button", { name: "Start" }).click();
    await expect(page.getByTestId("resource-status").first()).toHaveText("active");
  });
}

test("a viewer sees no write controls, and the API refuses their writes", async ({
  browser,
  page,
  context,
}) => {
  test.setTimeout(120_000);
  // A resource and a key in the demo organization, made by its owner.
  await signInViaApi(context, DEMO_ACCOUNT);
  await page.goto("/dashboard/resources");
  const created = await proxyFromPage<{ id: string }>(page, "POST", "/v1/resources", {
    name: `viewer-sees-${Date.now()}`,
    type: "volume",
  });
  expect(created.status).toBe(201);
  const key = await proxyFromPage(page, "POST", "/v1/api-keys", { name: "seen by the viewer" });
  expect(key.status).toBe(201);

  const viewer = newAccount("viewer");
  const added = await addMember("acme-demo", viewer.email, "viewer", viewer.password);
  expect(added.role).toBe("viewer");

  const viewerContext = await browser.newContext();
  const viewerPage = await viewerContext.newPage();
  await signInViaApi(viewerContext, viewer);
  await viewerPage.goto("/dashboard/resources");
  await expect(viewerPage.getByRole("heading", { level: 1, name: "Resources" })).toBeVisible();
  await expect(viewerPage.getByTestId("resource-row").first()).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Create resource" })).toHaveCount(0);

  await viewerPage.goto(`/dashboard/resources/${created.body.id}`);
  await expect(viewerPage.getByTestId("resource-name")).toBeVisible();
  for (const name of ["Delete", "Rename", "Edit labels", "Attach"]) {
    await expect(viewerPage.getByRole("button", { name, exact: true })).toHaveCount(0);
  }
  await expect(viewerPage.getByText("Actions", { exact: true })).toHaveCount(0);

  await viewerPage.goto("/dashboard/settings/api-keys");
  await expect(viewerPage.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(viewerPage.getByTestId("api-key-row").first()).toBeVisible();
  await expect(viewerPage.getByRole("button", { name: "Create key" })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Rotate / })).toHaveCount(0);
  await expect(viewerPage.getByRole("button", { name: /^Revoke / })).toHaveCount(0);

  await viewerPage.goto("/dashboard");
  await expect(viewerPage.getByRole("link", { name: "Create a key" })).toHaveCount(0);

  // Had the controls been there, the API would have refused them.
  const refused = await proxyFromPage(viewerPage, "DELETE", `/v1/resources/${created.body.id}`);
  expect(refused.status).toBe(403);
  await viewerContext.close();
});
