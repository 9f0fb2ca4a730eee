import type { InvitationStatus } from "@/lib/catalog/invitations";
import type { Role } from "@/lib/catalog/roles";
import type { InvitationsTable } from "@/lib/db/schema-invitations";

export type InvitationRow = InvitationsTable;

export interface InvitationView {
  id: string;
  object: "invitation";
  email: string;
  role: Role;
  status: InvitationStatus;
  expires_at: string;
  invited_by: { type: "user" | "api_key" | "system"; id: string | null; display: string | null };
  /** "stored": no SMTP is configured, so the mail is only kept in the database. */
  delivery: "smtp" | "stored";
  /** The link to pass on by hand: only while pending, only when the mail was not sent. */
  accept_url: string | null;
  accepted_at: string | null;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** The status as callers see it: a pending invitation past its expiry is expired. */
export function statusOf(row: Pick<InvitationRow, "status" | "expires_at">, now: Date) {
  if (row.status === "pending" && row.expires_at <= now.toISOString()) return "expired";
  return row.status;
}

export function toInvitationView(
  row: InvitationRow,
  now: Date,
  acceptUrl: string | null = null,
): InvitationView {
  const status = statusOf(row, now);
  return {
    id: row.id,
    object: "invitation",
    email: row.email,
    role: row.role,
    status,
    expires_at: row.expires_at,
    invited_by: {
      type: row.invited_by_type,
      id: row.invited_by_id,
      display: row.invited_by_display,
    },
    delivery: row.delivery,
    accept_url: status === "pending" && row.delivery === "stored" ? acceptUrl : null,
    accepted_at: row.accepted_at,
    revoked_at: row.revoked_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** What events carry: the invitation without any link (a link is a credential). */
export function eventDataOf(view: InvitationView): Omit<InvitationView, "accept_url"> {
  const { accept_url: _link, ...data } = view;
  return data;
}
