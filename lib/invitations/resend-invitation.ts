import { recordAudit } from "@/lib/audit/record-audit";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import { recordingDenials } from "@/lib/members/denied-audit";
import type { InvitationContext } from "./invitation-context";
import { issueInvitationLink } from "./invitation-mail";
import { retireTokens } from "./invitation-queries";
import { acceptUrlOf } from "./invitation-token";
import { eventDataOf, type InvitationView, toInvitationView } from "./invitation-view";
import { managedInvitation } from "./managed-invitation";

/**
 * Sends a pending (or expired) invitation again with a new link and a new 7-day expiry. The old
 * link stops working in the same transaction: its token is marked replaced.
 */
export async function resendInvitation(
  ctx: InvitationContext,
  id: string,
): Promise<InvitationView> {
  const org = ctx.principal.organizationId;
  const attempt = { action: "invitation.resent", targets: [{ type: "invitation", id }] };
  return recordingDenials(ctx, attempt, () =>
    ctx.db.transaction().execute(async (trx) => {
      const before = await managedInvitation(trx, ctx, id);
      const at = ctx.now.toISOString();
      await retireTokens(trx, id, at);
      const { token, hash, expiresAt, sent } = await issueInvitationLink(trx, ctx, before);
      await trx
        .insertInto("invitation_tokens")
        .values({ token_hash: hash, invitation_id: id, created_at: at, replaced_at: null })
        .execute();
      const changes = {
        expires_at: expiresAt,
        email_id: sent.emailId,
        delivery: sent.delivery,
        updated_at: at,
      };
      await trx.updateTable("invitations").set(changes).where("id", "=", id).execute();
      const view = toInvitationView(
        { ...before, ...changes },
        ctx.now,
        acceptUrlOf(ctx.mail.portalUrl, token),
      );
      await recordAudit(trx, ctx, {
        ...attempt,
        details: { email: before.email },
        before: { expires_at: before.expires_at },
        after: { expires_at: expiresAt },
      });
      await emitEvent(trx, {
        ...eventOrigin(ctx),
        organizationId: org,
        projectId: before.project_id,
        environment: before.environment,
        type: "invitation.resent",
        objectId: id,
        data: eventDataOf(view),
        previous: { expires_at: before.expires_at },
        at: ctx.now,
      });
      return view;
    }),
  );
}
