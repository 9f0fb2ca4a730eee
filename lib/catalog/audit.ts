// Audit-log filter rules the API's schema and the portal both check. Here, not in lib/schemas,
// so the portal's audit page tests a value without pulling zod into the browser.

/** Dotted lower-case actions, or a family such as member.*; a comma list of either. */
export const AUDIT_ACTION_LIST_PATTERN =
  /^[a-z][a-z_]*(?:\.[a-z][a-z_]*)*(?:\.\*)?(?:,[a-z][a-z_]*(?:\.[a-z][a-z_]*)*(?:\.\*)?)*$/;
/** The longest action list a filter may hold. */
export const MAX_AUDIT_ACTION_LIST_LENGTH = 1000;
/** Ids (usr_..., key_...) or an operator's name (admin-cli). */
export const AUDIT_ACTOR_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$/;
export const AUDIT_OUTCOMES = ["success", "denied"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * The families the log holds today, offered as suggestions in the portal's action filter (any
 * other valid action can still be typed).
 */
export const AUDIT_ACTION_FAMILIES = [
  "api_key",
  "billing",
  "deployment",
  "invitation",
  "member",
  "organization",
  "resource",
  "webhook_delivery",
  "webhook_endpoint",
] as const;
