/**
 * Why a request target cannot be served, or null when it can. Only the origin form (`/path?query`)
 * is served, and its percent-encoding must be sound (malformedEncodingReason).
 */
export function malformedTargetReason(target: string): string | null {
  if (target.charCodeAt(0) !== 47) return "The request target must be a path starting with /";
  return malformedEncodingReason(target);
}

/**
 * Every `%` must start an escape of well-formed UTF-8 (so no lone surrogate, overlong form or
 * stray `%zz` reaches a router or a store), and none may encode NUL (PostgreSQL text cannot hold
 * it). Text without a `%` costs one indexOf.
 */
export function malformedEncodingReason(text: string): string | null {
  if (text.indexOf("%") === -1) return null;
  try {
    decodeURIComponent(text);
  } catch {
    return "The URL has malformed percent-encoding: each % must start a %XX escape of UTF-8 text";
  }
  if (/%00/.test(text)) return "The URL contains a NUL character (%00)";
  return null;
}
