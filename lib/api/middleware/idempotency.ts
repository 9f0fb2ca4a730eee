import type { Context, MiddlewareHandler, Next } from "hono";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  type IdempotencyScope,
  releaseIdempotencyKey,
} from "@/lib/idempotency/claim-key";
import { requestFingerprint } from "@/lib/idempotency/fingerprint";
import { parseIdempotencyKey } from "@/lib/idempotency/key-header";
import { redactKeySecrets } from "@/lib/idempotency/redact-secrets";
import type { Logger } from "@/lib/logger";
import type { Principal } from "@/lib/principal";
import type { ApiEnv } from "../env";
import { requestHeader } from "../request-header";
import { responseHeaders, sendWithHeaders } from "../response-headers";

export interface IdempotencyDeps {
  db: Kysely<Database>;
  now: () => Date;
  logger: Logger;
  leaseMs?: number;
}

/** Headers that belong to the answer itself and come back with a replay. */
const REPLAYED_HEADERS = ["content-type", "location"];
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** 5xx and 429 say nothing final about the request, so a retry must run again. */
const isStorable = (status: number) => status < 500 && status !== 429;

/**
 * Idempotency-Key on POST (IETF draft + Stripe's rules), after authentication and rate limiting:
 * the key is scoped to the principal's project and environment; the same request replays the
 * stored answer, a different one gets 422, and one still running gets 409.
 */
export function idempotency(deps: IdempotencyDeps): MiddlewareHandler<ApiEnv> {
  const claimed = async (
    c: Context<ApiEnv>,
    next: Next,
    key: string,
    principal: Principal,
  ): Promise<Response | undefined> => {
    const scope: IdempotencyScope = {
      organizationId: principal.organizationId,
      projectId: principal.projectId,
      environment: principal.environment,
      key,
    };
    const path = c.req.path;
    const fingerprint = requestFingerprint("POST", path, await c.req.text());
    const claim = await claimIdempotencyKey(
      deps.db,
      scope,
      { fingerprint, method: "POST", path },
      deps.now(),
      deps.leaseMs,
    );
    if (claim.kind === "mismatch") {
      throw new AppError(
        "idempotency_key_mismatch",
        "This Idempotency-Key was already used with a different request (method, path or body); use a new key for a new request",
      );
    }
    if (claim.kind === "in_use") {
      throw new AppError(
        "idempotency_key_in_use",
        "A request with this Idempotency-Key is still being processed; retry shortly",
        { headers: { "Retry-After": "1" } },
      );
    }
    if (claim.kind === "replay") {
      // With the headers earlier middleware prepared (request id, rate limit).
      const { status, headers, body } = claim.answer;
      const bag = responseHeaders(c);
      for (const name in headers) bag[name.toLowerCase()] = headers[name] as string;
      bag["idempotent-replayed"] = "true";
      return sendWithHeaders(c, NULL_BODY_STATUSES.has(status) ? null : body, status, bag);
    }

    c.set("idempotencyKey", key);
    await next();

    const res = c.res;
    try {
      if (!isStorable(res.status)) {
        await releaseIdempotencyKey(deps.db, scope, claim.token);
        return;
      }
      const body = await res.text();
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = res.headers.get(name);
        if (value !== null) headers[name] = value;
      }
      c.res = new Response(NULL_BODY_STATUSES.has(res.status) ? null : body, {
        status: res.status,
        headers: res.headers,
      });
      await completeIdempotencyKey(deps.db, scope, claim.token, {
        status: res.status,
        headers,
        body: redactKeySecrets(body),
      });
    } catch (error) {
      // The answer itself is good: give it to the client. The key stays in flight until its
      // lease ends, after which a retry runs again.
      deps.logger.error(
        { err: error, request_id: c.get("requestId") },
        "could not store the idempotent answer",
      );
    }
    return undefined;
  };

  // Not async: GETs and POSTs without a key pass straight on, without a promise of their own.
  return (c, next) => {
    if (c.req.method !== "POST") return next();
    const key = parseIdempotencyKey(requestHeader(c, "idempotency-key"));
    const principal = c.get("principal");
    if (key === undefined || !principal) return next();
    return claimed(c, next, key, principal);
  };
}
