import { createHmac, timingSafeEqual } from "node:crypto";
import { WEBHOOK_SECRET_PREFIX } from "./secret-box";

export const SIGNATURE_HEADER = "Cloud-Signature";
export const EVENT_ID_HEADER = "Cloud-Event-Id";

/** The Standard Webhooks headers (https://www.standardwebhooks.com), lower case as HTTP/2 sends. */
export const STANDARD_ID_HEADER = "webhook-id";
export const STANDARD_TIMESTAMP_HEADER = "webhook-timestamp";
export const STANDARD_SIGNATURE_HEADER = "webhook-signature";

/** One secret, or the current and the previous during a rotation's overlap (current first). */
type Secrets = string | readonly string[];

const listOf = (secrets: Secrets): readonly string[] =>
  typeof secrets === "string" ? [secrets] : secrets;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the whole whsec_ secret>`;
 * during a rotation's overlap one `v1=` per secret, the current one first.
 */
export function signatureHeader(secrets: Secrets, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const signatures = listOf(secrets).map((secret) => `v1=${hmacHex(secret, `${t}.${body}`)}`);
  return [`t=${t}`, ...signatures].join(",");
}

function hmacHex(secret: string, text: string): string {
  return createHmac("sha256", secret).update(text, "utf8").digest("hex");
}

/**
 * The Standard Webhooks key of a secret: the part after `whsec_`, base64-decoded. Our secrets'
 * bodies are 32 letters and digits, which is valid base64 (24 bytes), so the same secret the
 * API showed once serves both schemes and no second secret is stored.
 */
export function standardKeyOf(secret: string): Buffer {
  const body = secret.startsWith(WEBHOOK_SECRET_PREFIX)
    ? secret.slice(WEBHOOK_SECRET_PREFIX.length)
    : secret;
  return Buffer.from(body, "base64");
}

/**
 * The three Standard Webhooks headers of one attempt: `webhook-id` is the event id (the same on
 * every attempt, so receivers dedupe by it), `webhook-timestamp` this attempt's time, and
 * `webhook-signature` one `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` per secret,
 * space-separated.
 */
export function standardSignatureHeaders(
  secrets: Secrets,
  messageId: string,
  body: string,
  at: Date,
): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  const signed = `${messageId}.${timestamp}.${body}`;
  const signatures = listOf(secrets).map(
    (secret) =>
      `v1,${createHmac("sha256", standardKeyOf(secret)).update(signed, "utf8").digest("base64")}`,
  );
  return {
    [STANDARD_ID_HEADER]: messageId,
    [STANDARD_TIMESTAMP_HEADER]: String(timestamp),
    [STANDARD_SIGNATURE_HEADER]: signatures.join(" "),
  };
}

/**
 * What a receiver does (the Webhooks guide shows the same in plain JavaScript): recompute the HMAC
 * over the raw body, compare in constant time, refuse timestamps outside the tolerance.
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const parts = new Map<string, string[]>();
  for (const item of header.split(",")) {
    const eq = item.indexOf("=");
    if (eq <= 0) continue;
    const name = item.slice(0, eq).trim();
    parts.set(name, [...(parts.get(name) ?? []), item.slice(eq + 1).trim()]);
  }
  const t = Number(parts.get("t")?.[0]);
  if (!Number.isInteger(t)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, `${t}.${body}`), "hex");
  return (parts.get("v1") ?? []).some((candidate) => {
    const given = Buffer.from(candidate, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
