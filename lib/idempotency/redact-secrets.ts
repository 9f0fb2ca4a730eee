/** A whole API key secret anywhere in a text (sk_live_/sk_test_ + 32 body + 6 checksum). */
const SECRET_IN_TEXT = /sk_(live|test)_[0-9A-Za-z]{38}(?![0-9A-Za-z])/g;
/** A whole webhook signing secret (whsec_ + 32), shown once like a key. */
const WEBHOOK_SECRET_IN_TEXT = /whsec_[0-9A-Za-z]{32}(?![0-9A-Za-z])/g;

/**
 * An API key's plaintext is shown once and never stored (only its hash is), so an answer kept for
 * replays holds each secret in its display form (`sk_live_...x7Qa`) instead: a replayed key
 * creation or rotation says which key it made, but not its secret.
 */
export function redactKeySecrets(text: string): string {
  return text
    .replace(SECRET_IN_TEXT, (secret, env: string) => `sk_${env}_...${secret.slice(-4)}`)
    .replace(WEBHOOK_SECRET_IN_TEXT, (secret) => `whsec_...${secret.slice(-4)}`);
}
