// Event naming rules the API's schemas and the portal both check. Here, not in lib/schemas,
// because the portal's pages must not pull zod into the browser just to test a pattern.

/** Dotted lower-case names (resource.created); a trailing `.*` matches a whole family. */
export const EVENT_TYPE_FILTER_PATTERN = /^[a-z][a-z_]*(?:\.[a-z][a-z_]*)*(?:\.\*)?$/;
/** The longest event type or family a filter (or a webhook's enabled_events) may name. */
export const MAX_EVENT_NAME_LENGTH = 100;
/** An object's id as events name it: a short prefix, `_`, letters and digits (res_7Hq2Lm). */
export const OBJECT_ID_PATTERN = /^[a-z]{2,4}_[A-Za-z0-9]{1,64}$/;
