import { expect, type Page } from "@playwright/test";

// Helpers for the keys, resources, overview and proxy journeys (real browser, real HTTP).

export type Environment = "live" | "test";
export const ENVIRONMENTS: Environment[] = ["live", "test"];
export const SECRET_PATTERN = /sk_(?:live|test)_[A-Za-z0-9]{16,}/g;

/** The API path prefix a key of this environment is meant for. */
export const apiPrefix = (environment: Environment) =>
  environment === "test" ? "/sandbox/v1" : "/v1";

/** Creates a key through the keys page and returns the secret read from the reveal panel. */
export async function createKeyViaUi(
  page: Page,
  name: string,
  options: { access?: "Full access" | "Read only"; closePanel?: boolean } = {},
): Promise<string> {
  if (!page.url().endsWith("/dashboard/settings/api-keys")) {
    await page.goto("/dashboard/settings/api-keys");
  }
  await page.getByRole("button", { name: "Create key" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create an API key" });
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel(options.access ?? "Full access").check();
  await dialog.getByRole("button", { name: "Create key" }).click();
  const panel = page.getByTestId("secret-reveal");
  await expect(panel).toBeVisible();
  await expect(panel).toContainText("You will not see it again");
  const secret = (await panel.getByTestId("revealed-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^sk_(live|test)_/);
  if (options.closePanel ?? true) {
    await panel.getByRole("button", { name: "I have saved it" }).click();
    await expect(panel).toHaveCount(0);
  }
  return secret;
}

/** A same-origin fetch from the page to the proxy (as the portal's own code makes it). */
export async function proxyFromPage<T = unknown>(
  page: Page,
  method: string,
  apiPath: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, apiPath, body }) => {
      const res = await fetch(`/api/proxy${apiPath}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : null };
    },
    { method, apiPath, body },
  ) as Promise<{ status: number; body: T }>;
}

/** Creates a resource through the create dialog on /dashboard/resources. */
export async function createResourceViaUi(
  page: Page,
  type: "Instance" | "Volume" | "Bucket" | "Network" | "Load balancer",
  name: string,
): Promise<void> {
  await page.getByRole("button", { name: "Create resource" }).first().click();
  const dialog = page.getByRole("dialog", { name: "Create a resource" });
  // The radio's name is the type and its one-line description.
  await dialog.getByRole("radio", { name: new RegExp(`^${type} `) }).check();
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByRole("button", { name: `Create ${type.toLowerCase()}` }).click();
  await expect(dialog).toHaveCount(0);
}
