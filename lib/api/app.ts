import { OpenAPIHono, type OpenAPIHonoOptions } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import type { Bus } from "@/lib/bus";
import type { Config } from "@/lib/config";
import type { StoreKind } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { StreamSlots } from "@/lib/events/stream/stream-slots";
import { malformedEncodingReason } from "@/lib/http/url-check";
import type { AuthCache } from "@/lib/keys/auth-cache";
import type { LastUsedRecorder } from "@/lib/keys/last-used-recorder";
import type { Logger } from "@/lib/logger";
import { parseProxyTrust } from "@/lib/net/trusted-proxy";
import type { ApiRateLimiter } from "@/lib/ratelimit/api-rate-limiter";
import type { UsageWriter } from "@/lib/usage/usage-writer";
import type { ApiEnv } from "./env";
import { authenticate } from "./middleware/authenticate";
import { requestFront } from "./middleware/front";
import { idempotency } from "./middleware/idempotency";
import { jsonBody } from "./middleware/json-body";
import { rateLimit } from "./middleware/rate-limit";
import { sequence } from "./middleware/sequence";
import { fieldErrorsOf, problemResponse, toAppError } from "./problem";
import { registerApiKeyRoutes } from "./routes/api-keys";
import { registerAuditLogRoutes } from "./routes/audit-logs";
import { registerBillingRoutes } from "./routes/billing";
import { registerDeploymentRoutes } from "./routes/deployments";
import { registerEventStreamRoutes } from "./routes/event-stream";
import { registerEventRoutes } from "./routes/events";
import { registerInvitationRoutes } from "./routes/invitations";
import { registerMemberRoutes } from "./routes/members";
import { registerOpenApiRoute } from "./routes/openapi";
import { registerRegionRoutes } from "./routes/regions";
import { registerRequestLogRoutes } from "./routes/request-logs";
import { registerResourceActionRoutes } from "./routes/resource-actions";
import { registerResourceRoutes } from "./routes/resources";
import { registerTypedResourceRoutes } from "./routes/typed-resources";
import { registerUsageRoutes } from "./routes/usage";
import { registerWebhookRoutes } from "./routes/webhooks";

/** What the API needs from the running process; tests build it with an in-memory store. */
export interface ApiDeps {
  db: Kysely<Database>;
  storeKind: StoreKind;
  config: Config;
  logger: Logger;
  bus: Bus;
  now: () => Date;
  auth: AuthCache;
  lastUsed: LastUsedRecorder;
  rateLimiter: ApiRateLimiter;
  usage: UsageWriter;
  sessionSecret: string;
  /** Open event streams per key, counted across instances (lib/events/stream/stream-slots). */
  streamSlots?: StreamSlots;
}

export const SUPPORTED_VERSIONS = ["v1"] as const;

/** Query and path problems are the caller's syntax (400); body problems are validation (422). */
const validationHook: OpenAPIHonoOptions<ApiEnv>["defaultHook"] = (result) => {
  if (result.success) return;
  const errors = fieldErrorsOf(result.error);
  const detail = errors.map((e) => e.message).join("; ");
  if (result.target === "json") throw new AppError("validation_failed", detail, { errors });
  throw new AppError("bad_request", detail, { errors });
};

/**
 * The client went away before its request was read: Node fails the body stream with its
 * "aborted" ECONNRESET, or the request's signal has fired. (A store's ECONNRESET is not this.)
 */
function isClientAbort(error: unknown, request: Request): boolean {
  if (request.signal.aborted) return true;
  return (
    error instanceof Error &&
    error.message === "aborted" &&
    (error as NodeJS.ErrnoException).code === "ECONNRESET"
  );
}

function pathPattern(path: string): RegExp {
  const source = path
    .split("/")
    .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

/**
 * The Cloud API. /sandbox/v1/... is served by the same routes (the path is rewritten to /v1 and
 * the request marked as sandbox), so the two surfaces cannot drift apart.
 */
export function createApiApp(deps: ApiDeps): OpenAPIHono<ApiEnv> {
  const { docsOrigin } = deps.config;
  const app = new OpenAPIHono<ApiEnv>({
    defaultHook: validationHook,
    getPath: (request) => {
      const url = request.url;
      const start = url.indexOf("/", url.indexOf("//") + 2);
      const end = url.indexOf("?", start);
      const path = end === -1 ? url.slice(start) : url.slice(start, end);
      return path.startsWith("/sandbox/v1") ? path.slice(8) : path;
    },
  });
  const v1 = new OpenAPIHono<ApiEnv>({ defaultHook: validationHook });

  const endpointTable: Array<{ method: string; pattern: RegExp }> = [];

  // Unknown paths answer 404 and known paths with the wrong method 405 before any authentication,
  // so nobody needs a key to learn that /v1/nope does not exist.
  const routeGuard: MiddlewareHandler<ApiEnv> = (c, next) => {
    // An id or filter that is not UTF-8 text (or holds NUL, which PostgreSQL text cannot) would
    // otherwise reach the store as something else than what was sent.
    const malformed = malformedEncodingReason(c.req.url);
    if (malformed) throw new AppError("bad_request", malformed);
    if (c.req.matchedRoutes.some((r) => r.method !== "ALL")) return next();
    const path = c.req.path;
    const allowed = endpointTable.filter((e) => e.pattern.test(path)).map((e) => e.method);
    if (allowed.length > 0) {
      const allow = [...new Set([...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])])].join(
        ", ",
      );
      throw new AppError(
        "method_not_allowed",
        `${c.req.method} is not allowed here; allowed: ${allow}`,
        {
          headers: { Allow: allow },
        },
      );
    }
    // Routes have no trailing slash: say which path was meant rather than that it does not exist.
    const trimmed = path.length > 1 && path.endsWith("/") ? path.replace(/\/+$/, "") : null;
    const meant = trimmed && endpointTable.some((e) => e.pattern.test(trimmed)) ? trimmed : null;
    throw new AppError(
      "not_found",
      `No endpoint at ${c.req.method} ${path}${meant ? `; did you mean ${meant}?` : ""}`,
    );
  };

  // Request id, header bag, sandbox mark, transport; afterwards the usage record (its latency
  // covers authentication and everything after it; authenticated requests only).
  app.use(
    "*",
    requestFront({
      trust: parseProxyTrust(deps.config.trustProxy),
      requireHttps: deps.config.requireHttps,
      usage: deps.usage,
    }),
  );
  // Public and not rate-limited per key: registered before the /v1/* middleware, so it answers
  // before authentication runs.
  registerOpenApiRoute(app, docsOrigin);
  // One Hono middleware level for the whole /v1 chain (see sequence()). Idempotency comes after
  // authentication and rate limiting: a key is scoped to the principal, and a throttled request
  // (429) must not take or replay one. Keep it the last step.
  app.use(
    "/v1/*",
    sequence(
      routeGuard,
      jsonBody,
      authenticate(deps),
      rateLimit(deps.rateLimiter),
      idempotency({ db: deps.db, now: deps.now, logger: deps.logger }),
    ),
  );

  registerRegionRoutes(v1, deps);
  registerApiKeyRoutes(v1, deps);
  const resourceDeps = { ...deps, provisionDelayMs: deps.config.provisionDelayMs };
  registerResourceRoutes(v1, resourceDeps);
  registerTypedResourceRoutes(v1, resourceDeps);
  registerResourceActionRoutes(v1, resourceDeps);
  registerEventStreamRoutes(v1, deps);
  registerEventRoutes(v1, deps);
  registerUsageRoutes(v1, deps);
  registerBillingRoutes(v1, deps);
  registerWebhookRoutes(v1, deps);
  registerMemberRoutes(v1, deps);
  registerAuditLogRoutes(v1, deps);
  registerInvitationRoutes(v1, deps);
  registerDeploymentRoutes(v1, deps);
  registerRequestLogRoutes(v1, deps);

  app.route("/v1", v1);
  for (const route of app.routes) {
    if (route.method !== "ALL")
      endpointTable.push({ method: route.method, pattern: pathPattern(route.path) });
  }

  app.notFound((c) => {
    const version = /^\/(v\d+)(\/|$)/.exec(c.req.path)?.[1];
    const detail = version
      ? `API version ${version} is not supported; supported versions: ${SUPPORTED_VERSIONS.join(", ")}`
      : `No endpoint at ${c.req.method} ${c.req.path}; the API lives under /v1`;
    return problemResponse(c, new AppError("not_found", detail), docsOrigin);
  });

  app.onError((error, c) => {
    if (isClientAbort(error, c.req.raw)) {
      // Nobody will read this answer, and nothing failed on our side: no stack, no error level.
      deps.logger.info(
        { request_id: c.get("requestId"), path: c.req.path },
        "client closed the request",
      );
      return problemResponse(
        c,
        new AppError("bad_request", "The client closed the request"),
        docsOrigin,
      );
    }
    const mapped = toAppError(error);
    if (mapped.status >= 500) {
      deps.logger.error(
        { err: error, request_id: c.get("requestId"), path: c.req.path },
        "api request failed",
      );
    }
    return problemResponse(c, mapped, docsOrigin);
  });

  return app;
}
