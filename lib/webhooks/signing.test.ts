import { describe, expect, it } from "vitest";
import { deliveryBody } from "@/lib/events/enqueue-deliveries";
import { deriveSecretKey, generateWebhookSecret, openSecret, sealSecret } from "./secret-box";
import { signatureHeader, verifySignature } from "./signature";

describe("webhook signatures", () => {
  const secret = generateWebhookSecret();
  const body =
    '{"id":"evt_1","type":"webhook.test","created_at":"2026-01-01T00:00:00.000Z","data":{}}';
  const at = new Date("2026-01-01T00:00:00.500Z");

  it("signs t.body with HMAC-SHA256 and verifies within the tolerance only", () => {
    const header = signatureHeader(secret, body, at);
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, at)).toBe(true);
    expect(verifySignature(secret, body, header, new Date(at.getTime() + 299_000))).toBe(true);
    expect(verifySignature(secret, body, header, new Date(at.getTime() + 301_000))).toBe(false);
    expect(verifySignature(generateWebhookSecret(), body, header, at)).toBe(false);
    expect(verifySignature(secret, body.replace("test", "tess"), header, at)).toBe(false);
    expect(verifySignature(secret, body, header.replace(/t=\d+/, "t=1767225601"), at)).toBe(false);
    expect(verifySignature(secret, body, "garbage", at)).toBe(false);
  });
});

describe("sealed signing secrets", () => {
  it("open only with the same session secret and for the same endpoint", () => {
    const key = deriveSecretKey("session-secret-session-secret-0123456789");
    const secret = generateWebhookSecret();
    const sealed = sealSecret(key, "we_A", secret);
    expect(sealed).not.toContain(secret.slice(6));
    expect(openSecret(key, "we_A", sealed)).toBe(secret);
    expect(openSecret(key, "we_B", sealed)).toBeNull();
    expect(
      openSecret(deriveSecretKey("another-session-secret-0123456789abcdef"), "we_A", sealed),
    ).toBeNull();
    const [format, iv, body, tag] = sealed.split(".");
    const flipped = `${body?.[0] === "A" ? "B" : "A"}${body?.slice(1)}`;
    expect(openSecret(key, "we_A", [format, iv, flipped, tag].join("."))).toBeNull();
    expect(openSecret(key, "we_A", "v1.x")).toBeNull();
    // A fresh nonce each time: the same secret never seals to the same text.
    expect(sealSecret(key, "we_A", secret)).not.toBe(sealed);
  });
});

describe("the delivered body", () => {
  const event = { id: "evt_1", type: "resource.created", createdAt: "2026-01-01T00:00:00.000Z" };
  it("carries seq after id when the event has one, and leaves it out otherwise", () => {
    expect(deliveryBody({ ...event, dataJson: "{}", seq: 42 })).toBe(
      '{"id":"evt_1","seq":42,"type":"resource.created","created_at":"2026-01-01T00:00:00.000Z","data":{}}',
    );
    expect(JSON.parse(deliveryBody({ ...event, dataJson: "{}" }))).not.toHaveProperty("seq");
    expect(JSON.parse(deliveryBody({ ...event, dataJson: "{}", seq: null }))).not.toHaveProperty(
      "seq",
    );
  });
});
