import type { EventTypeInfo } from "@/lib/events/event-type-registry";

/** Invitation events carry the invitation as the API shows it, never its link. */
const invitation = (status: string, extra: Record<string, unknown> = {}) => ({
  id: "inv_7RkW2nQ5vT8mL3xA",
  object: "invitation",
  email: "grace@example.com",
  role: "developer",
  status,
  expires_at: "2026-12-08T09:30:00.000Z",
  invited_by: { type: "user", id: "usr_8HcT2mQ4vN9pL1wA", display: "ada@example.com" },
  delivery: "smtp",
  accepted_at: null,
  revoked_at: null,
  created_at: "2026-12-01T09:30:00.000Z",
  updated_at: "2026-12-01T09:30:00.000Z",
  ...extra,
});

export const INVITATION_EVENT_TYPES: readonly EventTypeInfo[] = [
  {
    type: "invitation.created",
    description: "Someone was invited to join the organization",
    example: invitation("pending"),
  },
  {
    type: "invitation.resent",
    description:
      "An invitation was sent again with a new link and expiry; the old link stopped working",
    example: invitation("pending", {
      expires_at: "2026-12-10T09:30:00.000Z",
      updated_at: "2026-12-03T09:30:00.000Z",
    }),
  },
  {
    type: "invitation.revoked",
    description: "An invitation was revoked; its link no longer works",
    example: invitation("revoked", {
      revoked_at: "2026-12-02T09:30:00.000Z",
      updated_at: "2026-12-02T09:30:00.000Z",
    }),
  },
  {
    type: "invitation.accepted",
    description: "The invited person joined the organization",
    example: invitation("accepted", {
      accepted_at: "2026-12-02T09:30:00.000Z",
      updated_at: "2026-12-02T09:30:00.000Z",
      member_id: "mem_5XqT8mR2vN9pL4wZ",
    }),
  },
];
