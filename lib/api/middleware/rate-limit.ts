import type { Context, MiddlewareHandler, Next } from "hono";
import { AppError } from "@/lib/errors";
import type { ApiRateLimiter, RateLimitState } from "@/lib/ratelimit/api-rate-limiter";
import { bucketFor } from "@/lib/ratelimit/limits";
import { writeRateLimitHeaders } from "@/lib/ratelimit/rate-limit-headers";
import type { ApiEnv } from "../env";
import { responseHeaders } from "../response-headers";

/**
 * Counts the request in its bucket (live plan, sandbox or portal member), puts the rate-limit
 * headers in the header bag (so successes and errors alike carry them) and refuses with 429
 * over the limit. The state is left on the context for GET /v1/rate-limits.
 */
export function rateLimit(limiter: ApiRateLimiter): MiddlewareHandler<ApiEnv> {
  const apply = (c: Context<ApiEnv>, next: Next, state: RateLimitState) => {
    c.set("rateLimit", state);
    writeRateLimitHeaders(responseHeaders(c), state);
    if (!state.allowed) {
      throw new AppError(
        "rate_limited",
        `Rate limit of ${state.limit} requests per minute exceeded; retry after ${state.resetIn} seconds`,
        { headers: { "Retry-After": String(state.resetIn) } },
      );
    }
    return next();
  };
  // Not async: with the memory store the count is known at once and no promise is made.
  return (c, next) => {
    const state = limiter.consume(bucketFor(c.get("principal"), c.get("organization")));
    return state instanceof Promise
      ? state.then((counted) => apply(c, next, counted))
      : apply(c, next, state);
  };
}
