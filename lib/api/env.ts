import type { ApiBindings } from "@/lib/http/api-bindings";
import type { OrganizationLimits } from "@/lib/keys/find-key-by-secret";
import type { Principal } from "@/lib/principal";
import type { RateLimitState } from "@/lib/ratelimit/api-rate-limiter";
import type { RequestState } from "./response-headers";

export interface ApiVariables {
  requestId: string;
  /** True when the request came in under /sandbox/v1 (test keys only there). */
  sandboxSurface: boolean;
  principal: Principal;
  /** The request's client address after the trusted-proxy rule. */
  clientIp: string;
  /**
   * The request's Idempotency-Key (as sent), set by the idempotency middleware on a POST only while
   * this request holds the key and its handler runs (never on a replay, a 409 or a 422). Store it
   * on the object the POST creates to trace it; the middleware already guarantees that only one
   * request per (project, environment, key) runs at a time and that a stored answer is replayed.
   */
  idempotencyKey: string | undefined;
  /** Header bag and body sizes of this request; see lib/api/response-headers.ts. */
  requestState: RequestState;
  /** The principal's organization: plan and rate-limit override (set with the principal). */
  organization: OrganizationLimits;
  /** The bucket this request was counted in, after the rate-limit middleware. */
  rateLimit: RateLimitState;
}

export type ApiEnv = { Variables: ApiVariables; Bindings: ApiBindings };
