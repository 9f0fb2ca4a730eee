import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNT, newAccount, signInViaApi, signUpViaUi } from "../support/accounts";
import { addMember } from "../support/admin";
import { expectNoSeriousA11yViolations } from "../support/axe";
import { ENVIRONMENTS, proxyFromPage } from "../support/portal";
import { setSandbox } from "../support/shell";

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on a free loopback port that answers 200 and keeps what it was sent. */
async function startReceiver() {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/cloud`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** What a receiver does: HMAC-SHA256 of "<t>.<raw body>" keyed with the whole whsec_ secret. */
function signedWith(secret: string, { headers, body }: Received): boolean {
  const header = String(headers["cloud-signature"] ?? "");
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
  const v1 = /(?:^|,)v1=([0-9a-f]+)/.exec(header)?.[1];
  if (!t || !v1) return false;
  return createHmac("sha256", secret).update(`${t}.${body}`).digest("hex") === v1;
}

const statusOf = (page: Page) => page.getByRole("main").getByTestId("webhook-status").first();

for (const environment of ENVIRONMENTS) {
  const label = environment === "test" ? "Sandbox" : "Live";

  test(`webhook endpoint journey in ${label}: add, secret once, test event, disable, re-enable, delete`, async ({
    page,
  }) => {
    test.setTimeout(150_000);
    const receiver = await startReceiver();
    try {
      await signUpViaUi(page);
      if (environment === "test") await setSandbox(page, true);

      // Reached from the sidebar.
      await page.getByRole("link", { name: "Webhooks", exact: true }).first().click();
      await expect(page).toHaveURL(/\/dashboard\/webhooks$/);
      await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
      await expect(
        page.getByText(`No ${environment === "test" ? "sandbox" : "live"} webhook endpoints yet`),
      ).toBeVisible();

      await page.getByRole("button", { name: "Add endpoint" }).first().click();
      const dialog = page.getByRole("dialog", { name: "Add a webhook endpoint" });
      await expect(dialog).toBeVisible();
      if (environment === "live") await expectNoSeriousA11yViolations(page);

      // The API's 422 lands on the field it names.
      const urlField = dialog.getByLabel("Endpoint URL");
      await urlField.fill("ftp://example.com/hook");
      await dialog.getByRole("button", { name: "Add endpoint" }).click();
      await expect(urlField).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByRole("alert", { name: "Endpoint not added" })).toBeVisible();

      await urlField.fill(receiver.url);
      await dialog.getByLabel("Description").fill("Order service");
      await dialog.getByRole("button", { name: "Add endpoint" }).click();

      // The signing secret, once.
      const panel = page.getByTestId("webhook-secret-reveal");
      await expect(panel).toContainText("You will not see it again");
      await expect(panel.getByRole("button", { name: "Copy secret" })).toBeVisible();
      const secret = (await panel.getByTestId("revealed-webhook-secret").textContent())?.trim();
      expect(secret).toMatch(/^whsec_\S+$/);
      await panel.getByRole("button", { name: "I have saved it" }).click();
      await expect(panel).toHaveCount(0);
      expect(await page.content()).not.toContain(secret ?? "whsec_");

      const row = page.getByTestId("webhook-row").filter({ hasText: receiver.url });
      await expect(row).toHaveCount(1);
      await expect(row).toContainText("Order service");
      await expect(row.getByTestId("webhook-status")).toHaveText("enabled");
      if (environment === "live") await expectNoSeriousA11yViolations(page);

      // Detail: send a test event; the receiver gets a signed POST, the table shows succeeded.
      await row.getByRole("link", { name: receiver.url }).click();
      await expect(page.getByRole("heading", { level: 1, name: receiver.url })).toBeVisible();
      await expect(page.getByText("No deliveries yet.")).toBeVisible();
      await page.getByRole("button", { name: "Send test event" }).click();
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
      const delivery = receiver.received[0] as Received;
      expect(delivery.headers["cloud-event-type"]).toBe("webhook.test");
      expect(JSON.parse(delivery.body)).toMatchObject({ type: "webhook.test" });
      expect(signedWith(secret ?? "", delivery)).toBe(true);

      const deliveryRow = page.getByTestId("delivery-row").first();
      await expect(deliveryRow).toContainText("webhook.test");
      await expect(deliveryRow.getByTestId("delivery-status")).toHaveText("succeeded", {
        timeout: 20_000,
      });
      await expect(deliveryRow.getByTestId("delivery-response")).toContainText("200");
      if (environment === "live") await expectNoSeriousA11yViolations(page);

      // Disable, then re-enable from the dashboard (what the docs promise).
      await page.getByRole("button", { name: "Disable", exact: true }).click();
      await expect(statusOf(page)).toHaveText("disabled");
      await expect(page.getByText("by a member").first()).toBeVisible();
      await expect(page.getByRole("button", { name: "Send test event" })).toHaveCount(0);
      await page.getByRole("button", { name: "Re-enable" }).click();
      await expect(statusOf(page)).toHaveText("enabled");
      await expect(page.getByRole("button", { name: "Re-enable" })).toHaveCount(0);

      // Delete, confirmed.
      await page.getByRole("button", { name: "Delete", exact: true }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Delete endpoint" }).click();
      await expect(page).toHaveURL(/\/dashboard\/webhooks$/);
      await expect(page.getByTestId("webhook-row")).toHaveCount(0);
    } finally {
      await receiver.close();
    }
  });
}

test("a viewer sees the endpoints but no control that changes them", async ({
  browser,
  page,
  context,
}) => {
  test.setTimeout(90_000);
  // An endpoint in the demo organization, made by its owner (billing events only: nothing is sent).
  await signInViaApi(context, DEMO_ACCOUNT);
  await page.goto("/dashboard/webhooks");
  const url = `https://example.com/hooks/viewer-${Date.now()}`;
  const created = await proxyFromPage<{ id: string }>(page, "POST", "/v1/webhook-endpoints", {
    url,
    enabled_events: ["billing.*"],
  });
  expect(created.status).toBe(201);

  const viewer = newAccount("viewer");
  await addMember("acme-demo", viewer.email, "viewer", viewer.password);
  const viewerContext = await browser.newContext();
  try {
    const viewerPage = await viewerContext.newPage();
    await signInViaApi(viewerContext, viewer);
    await viewerPage.goto("/dashboard/webhooks");
    await expect(viewerPage.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
    await expect(viewerPage.getByTestId("webhook-row").filter({ hasText: url })).toHaveCount(1);
    await expect(viewerPage.getByRole("button", { name: "Add endpoint" })).toHaveCount(0);

    await viewerPage.goto(`/dashboard/webhooks/${created.body.id}`);
    await expect(viewerPage.getByRole("heading", { level: 1, name: url })).toBeVisible();
    for (const name of ["Send test event", "Disable", "Re-enable", "Rotate secret", "Delete"]) {
      await expect(viewerPage.getByRole("button", { name, exact: true })).toHaveCount(0);
    }
  } finally {
    await viewerContext.close();
    await proxyFromPage(page, "DELETE", `/v1/webhook-endpoints/${created.body.id}`);
  }
});
