import type { Kysely } from "kysely";
import type { Role } from "@/lib/catalog/roles";
import type { Database } from "@/lib/db/schema";
import { organizationNameOf } from "./invitation-queries";
import { invitationOfToken, type LinkState } from "./token-lookup";

export type InvitationSummary =
  | { state: "unknown" }
  | {
      state: LinkState;
      email: string;
      role: Role;
      organizationId: string;
      organizationName: string;
      invitedBy: string | null;
      expiresAt: string;
    };

/**
 * What the invite page shows a visitor holding a link, signed in or not: the link is the only
 * credential, so it tells no more than the mail it came in did.
 */
export async function describeInvitation(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<InvitationSummary> {
  const found = await invitationOfToken(db, token, now);
  if (!found) return { state: "unknown" };
  const { row, state } = found;
  return {
    state,
    email: row.email,
    role: row.role,
    organizationId: row.organization_id,
    organizationName: await organizationNameOf(db, row.organization_id),
    invitedBy: row.invited_by_display,
    expiresAt: row.expires_at,
  };
}
