import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { hashInvitationToken, isTokenShaped } from "./invitation-token";
import { type InvitationRow, statusOf } from "./invitation-view";

export type LinkState = "pending" | "expired" | "revoked" | "accepted" | "replaced";

/** The invitation a link token belongs to, and whether the link still works (null: unknown). */
export async function invitationOfToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<{ row: InvitationRow; state: LinkState } | null> {
  if (!isTokenShaped(token)) return null;
  const link = await db
    .selectFrom("invitation_tokens")
    .select(["invitation_id", "replaced_at"])
    .where("token_hash", "=", hashInvitationToken(token))
    .executeTakeFirst();
  if (!link) return null;
  const row = await db
    .selectFrom("invitations")
    .selectAll()
    .where("id", "=", link.invitation_id)
    .executeTakeFirst();
  if (!row) return null;
  const status = statusOf(row, now);
  // A used or revoked invitation says so even through an older link; a replaced link of a
  // pending one says it was replaced.
  const state = link.replaced_at && status === "pending" ? "replaced" : status;
  return { row, state };
}

const GONE: Record<Exclude<LinkState, "pending">, string> = {
  expired: "This invitation has expired; ask for a new one",
  revoked: "This invitation was revoked",
  accepted: "This invitation was already accepted",
  replaced: "This invitation link was replaced by a newer one; use the link in the latest mail",
};

/** The 410 for a link that no longer works. */
export function linkGone(state: Exclude<LinkState, "pending">): AppError {
  return new AppError("invitation_expired", GONE[state]);
}
