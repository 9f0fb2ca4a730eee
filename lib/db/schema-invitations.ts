import type { Environment, Role } from "./schema";

/** Tables of invitations (migration 0013), beside schema.ts so it only lists them. */

export type InvitationStatusColumn = "pending" | "accepted" | "revoked";

export interface InvitationsTable {
  id: string;
  organization_id: string;
  /** Where the invitation was made: its events are recorded in this project and environment. */
  project_id: string;
  environment: Environment;
  /** Trimmed and lower-cased; compared with the accepting account's (lower-cased) e-mail. */
  email: string;
  role: Role;
  /** "expired" is not stored: a pending invitation past expires_at is expired. */
  status: InvitationStatusColumn;
  invited_by_type: "user" | "api_key" | "system";
  invited_by_id: string | null;
  /** The inviter as shown (their e-mail, or the key's name), kept if they leave. */
  invited_by_display: string | null;
  /** How the latest mail went out: "smtp", or "stored" (kept in the emails table only). */
  delivery: "smtp" | "stored";
  /** The latest invitation mail (emails.id). */
  email_id: string | null;
  expires_at: string;
  accepted_at: string | null;
  accepted_by_user_id: string | null;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Every link token an invitation was sent with, by hash only (the plaintext exists in the mail).
 * A resend replaces the current one (replaced_at set), so an older link is recognised and refused.
 */
export interface InvitationTokensTable {
  token_hash: string;
  invitation_id: string;
  created_at: string;
  replaced_at: string | null;
}
