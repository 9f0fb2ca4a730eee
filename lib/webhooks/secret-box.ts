import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { randomBase62 } from "@/lib/ids";

export const WEBHOOK_SECRET_PREFIX = "whsec_";
const SECRET_BODY_LENGTH = 32; // ~190 bits

const FORMAT = "v1";

export function generateWebhookSecret(): string {
  return WEBHOOK_SECRET_PREFIX + randomBase62(SECRET_BODY_LENGTH);
}

/**
 * The key that seals signing secrets at rest, derived from the session secret with HKDF so it is
 * never the same bytes as the session-signing key. We must store the secret itself (not a hash,
 * as for API keys) because we sign every delivery with it; sealing it keeps a copy of the
 * database alone from being enough to forge our signatures.
 */
export function deriveSecretKey(sessionSecret: string): Buffer {
  return Buffer.from(
    hkdfSync(
      "sha256",
      Buffer.from(sessionSecret, "utf8"),
      Buffer.from("cloud-api-platform/webhook-signing-secrets", "utf8"),
      Buffer.from(FORMAT, "utf8"),
      32,
    ),
  );
}

/** AES-256-GCM; the endpoint id is the associated data, so a sealed secret only opens for its row. */
export function sealSecret(key: Buffer, endpointId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(endpointId, "utf8"));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    FORMAT,
    iv.toString("base64url"),
    body.toString("base64url"),
    tag.toString("base64url"),
  ].join(".");
}

/** The secret, or null when it cannot be opened (e.g. the session secret changed since). */
export function openSecret(key: Buffer, endpointId: string, sealed: string): string | null {
  const [format, iv, body, tag] = sealed.split(".");
  if (format !== FORMAT || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(endpointId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}

/**
 * The secrets that sign an attempt made at `at`: the current one, then the previous one while its
 * rotation overlap lasts. Null when the current one cannot be opened; a previous one that cannot
 * be opened is left out (the current one still signs).
 */
export function openSigningSecrets(
  key: Buffer,
  endpoint: {
    id: string;
    secret_ciphertext: string;
    previous_secret_ciphertext: string | null;
    previous_secret_expires_at: string | null;
  },
  at: Date,
): string[] | null {
  const current = openSecret(key, endpoint.id, endpoint.secret_ciphertext);
  if (current === null) return null;
  const { previous_secret_ciphertext: sealed, previous_secret_expires_at: until } = endpoint;
  if (!sealed || !until || Date.parse(until) <= at.getTime()) return [current];
  const previous = openSecret(key, endpoint.id, sealed);
  return previous === null ? [current] : [current, previous];
}
