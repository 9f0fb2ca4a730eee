import type { Kysely } from "kysely";
import type { Role } from "@/lib/catalog/roles";
import type { Database } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import type { InvitationContext, InvitationMailSettings } from "./invitation-context";
import { inviterOf, organizationNameOf } from "./invitation-queries";
import { acceptUrlOf, expiryFrom, newInvitationToken } from "./invitation-token";
import type { InvitationRow } from "./invitation-view";

export interface InvitationMail {
  organizationId: string;
  organizationName: string;
  inviter: string | null;
  email: string;
  role: Role;
  token: string;
  expiresAt: string;
}

/** Writes the invitation mail in the caller's transaction (and queues it when SMTP is set). */
export async function mailInvitation(
  trx: Kysely<Database>,
  mail: InvitationMail,
  settings: InvitationMailSettings,
  now: Date,
): Promise<{ emailId: string; delivery: "smtp" | "stored" }> {
  const link = acceptUrlOf(settings.portalUrl, mail.token);
  const emailId = await sendEmail(
    trx,
    {
      organizationId: mail.organizationId,
      to: mail.email,
      subject: `You are invited to join ${mail.organizationName}`,
      text: [
        `${mail.inviter ?? "An administrator"} invited you to join ${mail.organizationName} as ${mail.role}.`,
        "",
        "Open this link to accept; sign in (or create an account) with this e-mail address:",
        link,
        "",
        `The link works until ${mail.expiresAt} (UTC). If you did not expect it, ignore this mail.`,
      ].join("\n"),
    },
    { now, deliver: settings.deliver },
  );
  return { emailId, delivery: settings.deliver ? "smtp" : "stored" };
}

/** A fresh link, mailed: the caller stores the token's hash and the invitation's new fields. */
export interface IssuedInvitationLink {
  token: string;
  hash: string;
  inviter: Pick<InvitationRow, "invited_by_type" | "invited_by_id" | "invited_by_display">;
  expiresAt: string;
  sent: { emailId: string; delivery: "smtp" | "stored" };
}

/**
 * A new token and a 7-day expiry, mailed to the invitee in the caller's transaction. The token
 * row is left to the caller: a new invitation must be inserted first (the token refers to it)
 * and that insert needs this mail's id.
 */
export async function issueInvitationLink(
  trx: Kysely<Database>,
  ctx: InvitationContext,
  invitee: { email: string; role: Role },
): Promise<IssuedInvitationLink> {
  const { token, hash } = newInvitationToken();
  const inviter = await inviterOf(trx, ctx.principal);
  const expiresAt = expiryFrom(ctx.now);
  const sent = await mailInvitation(
    trx,
    {
      organizationId: ctx.principal.organizationId,
      organizationName: await organizationNameOf(trx, ctx.principal.organizationId),
      inviter: inviter.invited_by_display,
      email: invitee.email,
      role: invitee.role,
      token,
      expiresAt,
    },
    ctx.mail,
    ctx.now,
  );
  return { token, hash, inviter, expiresAt, sent };
}
