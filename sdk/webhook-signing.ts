/**
 * Standard Webhooks signing (webhook-id, webhook-timestamp, webhook-signature) with Web Crypto,
 * so it runs wherever the SDK does. The CLI's `listen` signs with it; the API signs its own
 * deliveries the same way, so one receiver verifies both.
 */

const PREFIX = "whsec_";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/** The HMAC key of a secret: the part after whsec_, base64-decoded. */
function keyBytes(secret: string): Uint8Array<ArrayBuffer> {
  const body = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
}

/**
 * A new secret of the API's form: whsec_ and 32 letters and digits (valid base64, 24 bytes).
 * Characters are drawn without bias: bytes of 248 and up are dropped.
 */
export function generateWebhookSecret(): string {
  let body = "";
  while (body.length < 32) {
    for (const byte of crypto.getRandomValues(new Uint8Array(48))) {
      if (byte < 248 && body.length < 32) body += BASE62[byte % 62];
    }
  }
  return PREFIX + body;
}

/** The three headers of one delivery of `body` (the exact bytes sent) as message `messageId`. */
export async function webhookSignatureHeaders(
  secret: string,
  messageId: string,
  body: string,
  at: Date = new Date(),
): Promise<Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string>> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const key = await crypto.subtle.importKey(
    "raw",
    keyBytes(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signed = new TextEncoder().encode(`${messageId}.${timestamp}.${body}`);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, signed));
  return {
    "webhook-id": messageId,
    "webhook-timestamp": timestamp,
    "webhook-signature": `v1,${base64(mac)}`,
  };
}
