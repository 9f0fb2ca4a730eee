import type { Context, MiddlewareHandler, Next } from "hono";
import type { Kysely } from "kysely";
import { portalPrincipal } from "@/lib/auth/portal-principal";
import { verifyPortalToken } from "@/lib/auth/portal-token";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { AuthCache, CachedKey } from "@/lib/keys/auth-cache";
import type { LastUsedRecorder } from "@/lib/keys/last-used-recorder";
import { hashKeySecret, parseKeySecret } from "@/lib/keys/secret";
import type { ApiRateLimiter } from "@/lib/ratelimit/api-rate-limiter";
import { addressBucket } from "@/lib/ratelimit/limits";
import { writeRateLimitHeaders } from "@/lib/ratelimit/rate-limit-headers";
import type { ApiEnv } from "../env";
import { requestHeader } from "../request-header";
import { responseHeaders } from "../response-headers";

export interface AuthenticateDeps {
  db: Kysely<Database>;
  auth: AuthCache;
  lastUsed: LastUsedRecorder;
  rateLimiter: ApiRateLimiter;
  /** runtime.sessionSecret: portal tokens are signed with a key derived from it. */
  sessionSecret: string;
  now: () => Date;
}

type ApiContext = Context<ApiEnv>;

/**
 * A genuine credential sent to the surface it does not serve (a live key to /sandbox/v1): a
 * mistake, not a guess, so it spends nothing of the address's failed-authentication budget.
 */
const wrongSurface = (detail: string) => new AppError("unauthorized", detail);

const UNKNOWN_ADDRESS = "unknown";
const BEARER = /^Bearer\s+(\S+)\s*$/i;

function bearerToken(header: string): string | null {
  // The common exact form without a regular expression; anything else through the strict one.
  if (header.startsWith("Bearer ") && header.indexOf(" ", 7) === -1 && header.length > 7) {
    return header.slice(7);
  }
  return BEARER.exec(header)?.[1] ?? null;
}

/**
 * Bearer API keys (format and checksum first, so garbage costs no lookup; then the in-memory
 * cache; then the store) or the portal's short-lived signed token. Failed attempts are counted per
 * client address and answered 429 beyond FAILED_AUTH_LIMIT a minute, never spending a key's quota.
 * On a cache hit nothing here allocates a promise.
 */
export function authenticate(deps: AuthenticateDeps): MiddlewareHandler<ApiEnv> {
  const refuse = async (c: ApiContext, detail: string): Promise<never> => {
    const address = c.get("clientIp");
    // In-process calls (the portal's proxy, tests) have no socket and so no address to limit;
    // the portal's members are limited per member after authentication instead.
    const state =
      address === UNKNOWN_ADDRESS ? null : await deps.rateLimiter.consume(addressBucket(address));
    if (state && !state.allowed) {
      writeRateLimitHeaders(responseHeaders(c), state);
      throw new AppError(
        "rate_limited",
        `Too many failed authentication attempts from this address; retry after ${state.resetIn} seconds`,
        { headers: { "Retry-After": String(state.resetIn) } },
      );
    }
    throw new AppError("unauthorized", detail);
  };

  const admitKey = (c: ApiContext, next: Next, entry: CachedKey | null) => {
    if (!entry) return refuse(c, "Invalid API key");
    const nowMs = deps.now().getTime();
    if (nowMs >= entry.expiresAtMs) return refuse(c, "This API key has expired");
    if (c.get("sandboxSurface") && entry.record.environment !== "test") {
      throw wrongSurface("The sandbox accepts sk_test_ keys only");
    }
    deps.lastUsed.touch(entry.record.id, nowMs);
    c.set("principal", entry.principal);
    c.set("organization", entry.organization);
    return next();
  };

  const admitPortal = async (c: ApiContext, next: Next, token: string) => {
    const claims = await verifyPortalToken(token, deps.sessionSecret, deps.now());
    if (!claims) return refuse(c, "Invalid API key or portal token");
    if (c.get("sandboxSurface") && claims.environment !== "test") {
      throw wrongSurface("The sandbox serves the test environment only");
    }
    const organization =
      deps.auth.peekOrganization(claims.organizationId) ??
      (await deps.auth.loadOrganization(claims.organizationId));
    if (!organization) return refuse(c, "Invalid portal token");
    // The role is read from the membership on every request, never taken from the token: a
    // role change or a removal holds from the member's very next request.
    const membership = await deps.db
      .selectFrom("memberships")
      .select("role")
      .where("organization_id", "=", claims.organizationId)
      .where("user_id", "=", claims.userId)
      .executeTakeFirst();
    if (!membership) return refuse(c, "You are no longer a member of this organization");
    c.set("principal", portalPrincipal({ ...claims, role: membership.role }, organization));
    c.set("organization", organization);
    return next();
  };

  return (c, next) => {
    const header = requestHeader(c, "authorization");
    if (!header) return refuse(c, "Missing API key: send Authorization: Bearer <key>");
    const token = bearerToken(header);
    if (!token) return refuse(c, "Malformed Authorization header: expected Bearer <key>");
    if (!token.startsWith("sk_")) return admitPortal(c, next, token);
    if (!parseKeySecret(token)) return refuse(c, "Invalid API key");
    const hash = hashKeySecret(token);
    const cached = deps.auth.peekKey(hash);
    if (cached !== undefined) return admitKey(c, next, cached);
    return deps.auth.loadKey(hash).then((entry) => admitKey(c, next, entry));
  };
}
