import type { RateLimitState } from "./api-rate-limiter";
import { WINDOW_SECONDS } from "./limits";

const policies = new Map<number, string>();

/** `"minute";q=<limit>;w=60`, made once per distinct limit. */
function policyOf(limit: number): string {
  let policy = policies.get(limit);
  if (policy === undefined) {
    policy = `"minute";q=${limit};w=${WINDOW_SECONDS}`;
    if (policies.size < 10_000) policies.set(limit, policy);
  }
  return policy;
}

/**
 * The X-RateLimit-* trio (X-RateLimit-Reset is Unix seconds) and the IETF RateLimit-Policy /
 * RateLimit pair (t = seconds until the reset), written into a plain header object.
 */
export function writeRateLimitHeaders(
  headers: Record<string, string>,
  state: RateLimitState,
): void {
  const remaining = String(state.remaining);
  // Lower-case names, as everything in the header bag (lib/api/response-headers.ts).
  headers["x-ratelimit-limit"] = String(state.limit);
  headers["x-ratelimit-remaining"] = remaining;
  headers["x-ratelimit-reset"] = String(state.resetAt);
  headers["ratelimit-policy"] = policyOf(state.limit);
  headers.ratelimit = `"minute";r=${remaining};t=${state.resetIn}`;
}
