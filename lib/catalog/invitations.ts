/** What an invitation can be; "expired" is a pending one past its expiry (never stored). */
export const INVITATION_STATUSES = ["pending", "accepted", "revoked", "expired"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** How long an invitation link works, from its creation or its latest resend. */
export const INVITATION_TTL_DAYS = 7;
