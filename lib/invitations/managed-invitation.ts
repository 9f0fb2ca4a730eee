import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { conflict } from "@/lib/errors";
import { actingRole, lockOrganization } from "@/lib/members/member-rules";
import { type DomainContext, requireScope } from "@/lib/principal";
import { findInvitation } from "./invitation-queries";
import { assertMayInvite } from "./invitation-rules";
import type { InvitationRow } from "./invitation-view";

/**
 * The invitation a resend or revoke acts on, under the organization's lock: the caller holds
 * members:write, the invitation is still pending (or expired), and its role is not above theirs.
 */
export async function managedInvitation(
  trx: Kysely<Database>,
  ctx: DomainContext,
  id: string,
): Promise<InvitationRow> {
  requireScope(ctx.principal, "members:write");
  const org = ctx.principal.organizationId;
  await lockOrganization(trx, org);
  const actor = await actingRole(trx, ctx.principal);
  const row = await findInvitation(trx, org, id);
  if (row.status !== "pending") {
    throw conflict(`Invitation ${id} is already ${row.status}; invite ${row.email} again instead`);
  }
  assertMayInvite(ctx.principal, actor, row.role);
  return row;
}
