import { recordAudit } from "@/lib/audit/record-audit";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import { recordingDenials } from "@/lib/members/denied-audit";
import type { DomainContext } from "@/lib/principal";
import { eventDataOf, type InvitationView, statusOf, toInvitationView } from "./invitation-view";
import { managedInvitation } from "./managed-invitation";

/** Revokes a pending (or expired) invitation: its link answers 410 from now on. */
export async function revokeInvitation(ctx: DomainContext, id: string): Promise<InvitationView> {
  const org = ctx.principal.organizationId;
  const attempt = { action: "invitation.revoked", targets: [{ type: "invitation", id }] };
  return recordingDenials(ctx, attempt, () =>
    ctx.db.transaction().execute(async (trx) => {
      const before = await managedInvitation(trx, ctx, id);
      const at = ctx.now.toISOString();
      const changes = { status: "revoked" as const, revoked_at: at, updated_at: at };
      await trx.updateTable("invitations").set(changes).where("id", "=", id).execute();
      const view = toInvitationView({ ...before, ...changes }, ctx.now);
      await recordAudit(trx, ctx, {
        ...attempt,
        details: { email: before.email },
        before: { status: statusOf(before, ctx.now) },
        after: { status: "revoked" },
      });
      await emitEvent(trx, {
        ...eventOrigin(ctx),
        organizationId: org,
        projectId: before.project_id,
        environment: before.environment,
        type: "invitation.revoked",
        objectId: id,
        data: eventDataOf(view),
        previous: { status: statusOf(before, ctx.now) },
        at: ctx.now,
      });
      return view;
    }),
  );
}
