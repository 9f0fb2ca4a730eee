import { expect, test } from "@playwright/test";
import { signUpViaUi } from "../support/accounts";
import { apiPrefix, createKeyViaUi, ENVIRONMENTS } from "../support/portal";
import { setSandbox } from "../support/shell";

for (const environment of ENVIRONMENTS) {
  const label = environment === "test" ? "Sandbox" : "Live";

  test(`API key journey in ${label}: create, copy, use, last used, rotate now, revoke`, async ({
    page,
    context,
    request,
  }) => {
    test.setTimeout(150_000);
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await signUpViaUi(page);
    if (environment === "test") await setSandbox(page, true);

    await page.goto("/dashboard/settings/api-keys");
    await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
    await expect(
      page.getByText(`No ${environment === "test" ? "sandbox" : "live"} keys yet`),
    ).toBeVisible();

    // Create: the secret shows once, with a copy button.
    const secret = await createKeyViaUi(page, "CI pipeline", { closePanel: false });
    expect(secret.startsWith(environment === "test" ? "sk_test_" : "sk_live_")).toBe(true);
    const panel = page.getByTestId("secret-reveal");
    await panel.getByRole("button", { name: "Copy key" }).click();
    await expect(panel.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    await panel.getByRole("button", { name: "I have saved it" }).click();
    await expect(panel).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    const row = page.getByTestId("api-key-row").filter({ hasText: "CI pipeline" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(secret.slice(-4));
    await expect(row.getByTestId("key-status")).toHaveText("active");
    await expect(row.getByTestId("key-last-used")).toHaveText("Never");

    // Use it over real HTTP.
    const call = (key: string) =>
      request.get(`${apiPrefix(environment)}/resources`, {
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await call(secret)).status()).toBe(200);

    // last_used_at is written in batches (within about 10 s for a key's first use).
    await expect(async () => {
      await page.reload();
      await expect(row.getByTestId("key-last-used")).not.toHaveText("Never", { timeout: 1_000 });
    }).toPass({ timeout: 40_000, intervals: [2_000] });

    // Rotate with "now": the dialog says when the old key was last used.
    await row.getByRole("button", { name: "Rotate CI pipeline" }).click();
    const rotate = page.getByRole("dialog", { name: "Rotate “CI pipeline”" });
    await expect(rotate.getByTestId("rotate-last-used")).not.toContainText("never");
    await rotate.getByLabel("Now").check();
    await rotate.getByRole("button", { name: "Rotate key" }).click();
    const rotatedPanel = page.getByTestId("secret-reveal");
    await expect(rotatedPanel).toContainText("You will not see it again");
    const rotated = (await rotatedPanel.getByTestId("revealed-secret").textContent())?.trim() ?? "";
    expect(rotated).not.toBe(secret);
    expect(rotated.slice(0, 8)).toBe(secret.slice(0, 8));
    await rotatedPanel.getByRole("button", { name: "I have saved it" }).click();

    expect((await call(secret)).status()).toBe(401);
    expect((await call(rotated)).status()).toBe(200);

    // Revoke the new key: 401 from its next request.
    const active = page
      .getByTestId("api-key-row")
      .filter({ has: page.getByTestId("key-status").getByText("active", { exact: true }) });
    await expect(active).toHaveCount(1);
    await active.getByRole("button", { name: "Revoke CI pipeline" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke key" }).click();
    await expect(
      page.getByTestId("key-status").getByText("revoked", { exact: true }),
    ).toBeVisible();
    expect((await call(rotated)).status()).toBe(401);
  });
}

test("a restricted key holds only what was chosen", async ({ page, request }) => {
  await signUpViaUi(page);
  await page.goto("/dashboard/settings/api-keys");
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await dialog.getByLabel("Name").fill("read resources");
  await dialog.getByLabel("Restricted").check();
  await dialog.getByLabel("Resources: read").check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const secret = (await page.getByTestId("revealed-secret").textContent())?.trim() ?? "";
  await page.getByRole("button", { name: "I have saved it" }).click();
  const auth = { authorization: `Bearer ${secret}` };
  expect((await request.get("/v1/resources", { headers: auth })).status()).toBe(200);
  const write = await request.post("/v1/resources", { headers: auth, data: { name: "nope" } });
  expect(write.status()).toBe(403);
  expect((await request.get("/v1/api-keys", { headers: auth })).status()).toBe(403);
  await expect(page.getByTestId("api-key-row")).toContainText("Restricted");
});
