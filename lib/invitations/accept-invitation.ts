import { organizationWide, originOf, recordAudit } from "@/lib/audit/record-audit";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { emitEvent } from "@/lib/events/emit-event";
import { newId } from "@/lib/ids";
import { findMember } from "@/lib/members/member-queries";
import { lockOrganization } from "@/lib/members/member-rules";
import { type MemberView, toMemberView } from "@/lib/members/member-view";
import type { DomainContext } from "@/lib/principal";
import { retireTokens } from "./invitation-queries";
import { eventDataOf, type InvitationView, toInvitationView } from "./invitation-view";
import { invitationOfToken, linkGone } from "./token-lookup";

export interface AcceptedInvitation {
  invitation: InvitationView;
  member: MemberView;
  organization_id: string;
}

/**
 * The signed-in person joins the inviting organization with the invitation's role, only when
 * their account's e-mail is the invited one (case-insensitive). A different account gets 403
 * and the invitation stays pending; an expired, revoked, used or replaced link gets 410.
 */
export async function acceptInvitation(
  ctx: DomainContext,
  token: string,
): Promise<AcceptedInvitation> {
  const { principal } = ctx;
  return ctx.db.transaction().execute(async (trx) => {
    const first = await invitationOfToken(trx, token, ctx.now);
    if (!first) throw notFound("Invitation");
    // After the lookup: whoever holds a link learns what the link itself says, nothing more.
    if (principal.kind !== "portal" || !principal.userId) {
      throw forbidden(
        "An invitation is accepted by a person signed in to the portal, not by a key",
      );
    }
    const userId = principal.userId;
    const org = first.row.organization_id;
    // Serialised with resends and revocations of the same organization, then read again.
    await lockOrganization(trx, org);
    const found = await invitationOfToken(trx, token, ctx.now);
    if (!found) throw notFound("Invitation");
    if (found.state !== "pending") throw linkGone(found.state);
    const { row } = found;
    const user = await trx
      .selectFrom("users")
      .select(["id", "email"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    if (user.email.trim().toLowerCase() !== row.email) {
      throw forbidden(
        `This invitation is for ${row.email}, but you are signed in as ${user.email}. Sign in with ${row.email} to accept it.`,
      );
    }
    const at = ctx.now.toISOString();
    const existing = await trx
      .selectFrom("memberships")
      .select("id")
      .where("organization_id", "=", org)
      .where("user_id", "=", userId)
      .executeTakeFirst();
    // Already a member (added some other way): the invitation is used up, the role is kept.
    const memberId = existing?.id ?? newId("mem");
    if (!existing) {
      await trx
        .insertInto("memberships")
        .values({
          id: memberId,
          organization_id: org,
          user_id: userId,
          role: row.role,
          created_at: at,
        })
        .execute();
    }
    const changes = {
      status: "accepted" as const,
      accepted_at: at,
      accepted_by_user_id: userId,
      updated_at: at,
    };
    await trx.updateTable("invitations").set(changes).where("id", "=", row.id).execute();
    await retireTokens(trx, row.id, at);
    const invitation = toInvitationView({ ...row, ...changes }, ctx.now);
    // The signed-in user acts (originOf gives them as the actor), but in the inviting
    // organization as a whole, not their current one, and always from the portal.
    const origin = { ...originOf(ctx), source: "portal" as const, ...organizationWide(org) };
    await recordAudit(trx, origin, {
      action: "invitation.accepted",
      targets: [
        { type: "invitation", id: row.id, name: row.email },
        { type: "member", id: memberId, name: row.email },
      ],
      before: { status: "pending" },
      after: { status: "accepted", role: row.role },
    });
    await emitEvent(trx, {
      organizationId: org,
      projectId: row.project_id,
      environment: row.environment,
      type: "invitation.accepted",
      objectId: row.id,
      data: { ...eventDataOf(invitation), member_id: memberId },
      requestId: ctx.requestId ?? null,
      actor: { type: "user", id: userId },
      at: ctx.now,
    });
    const member = await findMember(trx, org, memberId);
    return { invitation, member: toMemberView(member), organization_id: org };
  });
}

/** For callers that need to tell the 410 apart (the portal's invite page). */
export function isGone(error: unknown): error is AppError {
  return error instanceof AppError && error.code === "invitation_expired";
}
