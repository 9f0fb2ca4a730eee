import type { DomainContext } from "@/lib/principal";

/** How invitation mails go out: over SMTP when configured, else kept in the database. */
export interface InvitationMailSettings {
  deliver: boolean;
  /** The portal's public origin, for the link in the mail (no trailing slash). */
  portalUrl: string;
}

export type InvitationContext = DomainContext & { mail: InvitationMailSettings };
