import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import type { Environment } from "@/lib/db/schema";
import { BASE62, randomBase62 } from "@/lib/ids";

const BODY_LENGTH = 32; // ~190 bits of entropy
const CHECKSUM_LENGTH = 6;

export const KEY_PREFIX: Record<Environment, string> = { live: "sk_live_", test: "sk_test_" };

/** The pattern secret scanners can match; the checksum lets us refuse typos without a lookup. */
export const KEY_PATTERN = /^sk_(live|test)_([0-9A-Za-z]{32})([0-9A-Za-z]{6})$/;

function checksumOf(text: string): string {
  let value = crc32(text);
  let out = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function generateKeySecret(environment: Environment): string {
  const head = KEY_PREFIX[environment] + randomBase62(BODY_LENGTH);
  return head + checksumOf(head);
}

export interface ParsedKey {
  environment: Environment;
  secret: string;
}

/** Format and checksum only: no store access, so a corrupted or guessed key costs nothing. */
export function parseKeySecret(secret: string): ParsedKey | null {
  if (secret.length !== 8 + BODY_LENGTH + CHECKSUM_LENGTH) return null;
  const match = KEY_PATTERN.exec(secret);
  if (!match) return null;
  const head = secret.slice(0, secret.length - CHECKSUM_LENGTH);
  if (checksumOf(head) !== match[3]) return null;
  return { environment: match[1] === "live" ? "live" : "test", secret };
}

export function hashKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function lastFourOf(secret: string): string {
  return secret.slice(-4);
}
