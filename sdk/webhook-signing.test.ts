import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { standardSignatureHeaders } from "@/lib/webhooks/signature";
import { generateWebhookSecret, webhookSignatureHeaders } from "./index";

describe("webhookSignatureHeaders", () => {
  it("signs so the standardwebhooks package verifies, exactly as the API's deliveries are signed", async () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    const body = JSON.stringify({ id: "evt_1", type: "resource.created", data: { n: 1 } });
    const at = new Date();
    const headers = await webhookSignatureHeaders(secret, "evt_1", body, at);
    expect(new Webhook(secret).verify(body, headers)).toMatchObject({ id: "evt_1" });
    expect(headers).toEqual(standardSignatureHeaders(secret, "evt_1", body, at));
    // Another secret, or another body, does not verify.
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow();
  });
});
