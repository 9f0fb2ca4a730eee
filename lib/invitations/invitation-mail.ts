import type { Kysely } from "kysely";
import type { Role } from "@/lib/catalog/roles";
import type { Database } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import type { InvitationMailSettings } from "./invitation-context";
import { acceptUrlOf } from "./invitation-token";

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
