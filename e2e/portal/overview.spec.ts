import { expect, test } from "@playwright/test";
import { signUpViaUi } from "../support/accounts";
import { createKeyViaUi, ENVIRONMENTS, proxyFromPage } from "../support/portal";
import { setSandbox } from "../support/shell";

for (const environment of ENVIRONMENTS) {
  const label = environment === "test" ? "Sandbox" : "Live";

  test(`overview in ${label}: counts, events, rate limit, and a quick-start curl that works`, async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    await signUpViaUi(page);
    if (environment === "test") await setSandbox(page, true);
    await expect(page.getByTestId("count-instance")).toContainText("0");
    await expect(page.getByTestId("recent-events")).toContainText("Nothing yet");

    // Resources made elsewhere show up without a reload, provisioning then active.
    for (const [type, name] of [
      ["instance", "api-1"],
      ["instance", "api-2"],
      ["bucket", "assets"],
    ] as const) {
      expect((await proxyFromPage(page, "POST", "/v1/resources", { type, name })).status).toBe(201);
    }
    await expect(page.getByTestId("count-instance")).toContainText("2", { timeout: 20_000 });
    await expect(page.getByTestId("count-bucket")).toContainText("1");
    await expect(page.getByTestId("count-status-active")).toContainText("3", { timeout: 20_000 });
    await expect(page.getByTestId("recent-events")).toContainText("assets");
    await expect(page.getByTestId("recent-events")).toContainText("resource.active");

    // The quick start's curl, with a key made from it, works against this deployment.
    const curl = (await page.getByTestId("quick-start-curl").textContent()) ?? "";
    const url = /curl (\S+)/.exec(curl)?.[1] ?? "";
    expect(new URL(url).origin).toBe(new URL(page.url()).origin);
    await page.getByRole("link", { name: "Create a key" }).click();
    await expect(page.getByRole("dialog", { name: "Create an API key" })).toBeVisible();
    await page.keyboard.press("Escape");
    const secret = await createKeyViaUi(page, "quick start");
    const answer = await request.get(url, { headers: { authorization: `Bearer ${secret}` } });
    expect(answer.status()).toBe(200);
    expect(((await answer.json()) as { meta: { total: number } }).meta.total).toBe(3);

    // This minute's use against the limit (free plan live: 100/min; sandbox: its own bucket).
    await page.goto("/dashboard");
    const card = page.getByTestId("rate-limit-card");
    await expect(card).toContainText(
      environment === "test" ? "of 1,000 per minute" : "of 100 per minute",
    );
    await expect(page.getByTestId("rate-limit-used")).not.toHaveText("0");
  });
}

test("command palette: Ctrl+K, jump to a page, find a resource by name and by id, create a key", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signUpViaUi(page);
  const made = await proxyFromPage<{ id: string }>(page, "POST", "/v1/resources", {
    type: "volume",
    name: "palette-volume",
  });
  expect(made.status).toBe(201);

  const palette = page.getByRole("dialog", { name: "Command palette" });
  const input = palette.getByRole("combobox");

  await page.keyboard.press("Control+k");
  await expect(palette).toBeVisible();
  await input.fill("resources");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/resources$/);
  await expect(palette).toHaveCount(0);

  await page.keyboard.press("Control+k");
  await input.fill("palette-vol");
  await palette.getByRole("option", { name: /palette-volume/ }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/resources/${made.body.id}$`));
  await expect(page.getByTestId("resource-name")).toHaveText("palette-volume");

  await page.getByTestId("command-palette-button").click();
  await input.fill(made.body.id);
  await expect(palette.getByRole("option", { name: /palette-volume/ })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.keyboard.press("Control+k");
  await input.fill("create an api key");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/dashboard\/settings\/api-keys$/);
  await expect(page.getByRole("dialog", { name: "Create an API key" })).toBeVisible();
  await page.keyboard.press("Escape");

  await page.keyboard.press("Control+k");
  await input.fill("create a resource");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Create a resource" })).toBeVisible();
});
