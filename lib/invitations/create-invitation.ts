import { sql } from "kysely";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Role } from "@/lib/catalog/roles";
import { conflict } from "@/lib/errors";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import { newId } from "@/lib/ids";
import { recordingDenials } from "@/lib/members/denied-audit";
import { membersOf } from "@/lib/members/member-queries";
import { actingRole, lockOrganization } from "@/lib/members/member-rules";
import { requireScope } from "@/lib/principal";
import type { InvitationContext } from "./invitation-context";
import { issueInvitationLink } from "./invitation-mail";
import { invitationsOf } from "./invitation-queries";
import { assertMayInvite } from "./invitation-rules";
import { acceptUrlOf } from "./invitation-token";
import {
  eventDataOf,
  type InvitationRow,
  type InvitationView,
  toInvitationView,
} from "./invitation-view";

/**
 * Invites an e-mail address to the caller's organization with a role. Refused (403) above the
 * caller's own role; 409 when the address is already a member, and 409 when it already has a
 * pending invitation: we refuse rather than replace it, so a second inviter cannot silently
 * change the role or kill the link the first one sent; resending is the explicit way.
 */
export async function createInvitation(
  ctx: InvitationContext,
  input: { email: string; role: Role },
): Promise<InvitationView> {
  const org = ctx.principal.organizationId;
  const email = input.email.trim().toLowerCase();
  const id = newId("inv");
  const attempt = {
    action: "invitation.created",
    targets: [{ type: "invitation", id, name: email }],
    details: { email, role: input.role },
  };
  return recordingDenials(ctx, attempt, () =>
    ctx.db.transaction().execute(async (trx) => {
      requireScope(ctx.principal, "members:write");
      await lockOrganization(trx, org);
      assertMayInvite(ctx.principal, await actingRole(trx, ctx.principal), input.role);
      const member = await membersOf(trx, org)
        .select("memberships.id")
        .where(sql<string>`lower(users.email)`, "=", email)
        .executeTakeFirst();
      if (member) throw conflict(`${email} is already a member of this organization`);
      const pending = await invitationsOf(trx, org)
        .select("id")
        .where("email", "=", email)
        .where("status", "=", "pending")
        .where("expires_at", ">", ctx.now.toISOString())
        .executeTakeFirst();
      if (pending) {
        throw conflict(
          `${email} already has a pending invitation (${pending.id}); resend or revoke it instead`,
        );
      }
      const at = ctx.now.toISOString();
      const { token, hash, inviter, expiresAt, sent } = await issueInvitationLink(trx, ctx, {
        email,
        role: input.role,
      });
      const row: InvitationRow = {
        id,
        organization_id: org,
        project_id: ctx.principal.projectId,
        environment: ctx.principal.environment,
        email,
        role: input.role,
        status: "pending",
        ...inviter,
        delivery: sent.delivery,
        email_id: sent.emailId,
        expires_at: expiresAt,
        accepted_at: null,
        accepted_by_user_id: null,
        revoked_at: null,
        created_at: at,
        updated_at: at,
      };
      await trx.insertInto("invitations").values(row).execute();
      await trx
        .insertInto("invitation_tokens")
        .values({ token_hash: hash, invitation_id: id, created_at: at, replaced_at: null })
        .execute();
      const view = toInvitationView(row, ctx.now, acceptUrlOf(ctx.mail.portalUrl, token));
      await recordAudit(trx, ctx, {
        ...attempt,
        after: { email, role: input.role, status: "pending", expires_at: expiresAt },
      });
      await emitEvent(trx, {
        ...eventOrigin(ctx),
        organizationId: org,
        projectId: row.project_id,
        environment: row.environment,
        type: "invitation.created",
        objectId: id,
        data: eventDataOf(view),
        at: ctx.now,
      });
      return view;
    }),
  );
}
