import { createHash } from "node:crypto";
import { INVITATION_TTL_DAYS } from "@/lib/catalog/invitations";
import { randomBase62 } from "@/lib/ids";

const TOKEN_LENGTH = 43;
const TOKEN_SHAPE = /^[0-9A-Za-z]{43}$/;

/** A fresh link token (~256 bits) and the hash that is all the database keeps of it. */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBase62(TOKEN_LENGTH);
  return { token, hash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A string that cannot be a token is refused before any lookup. */
export function isTokenShaped(token: string): boolean {
  return TOKEN_SHAPE.test(token);
}

export function acceptUrlOf(portalUrl: string, token: string): string {
  return `${portalUrl}/invite/${token}`;
}

/** The token in a stored invitation mail (the mail is the only place its plaintext exists). */
export function tokenInMail(body: string): string | null {
  return /\/invite\/([0-9A-Za-z]{43})\b/.exec(body)?.[1] ?? null;
}

export function expiryFrom(now: Date): string {
  return new Date(now.getTime() + INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000).toISOString();
}
