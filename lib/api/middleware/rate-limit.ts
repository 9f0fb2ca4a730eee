import type { MiddlewareHandler } from "hono";
import { AppError } from "@/lib/errors";
import type { ApiRateLimiter } from "@/lib/ratelimit/api-rate-limiter";
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
  return async (c, next) => {
    const principal = c.get("principal");
    const organization = c.get("organization");
    const state = await limiter.consume(bucketFor(principal, organization));
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
}
