import { signPortalToken } from "@/lib/auth/portal-token";
import type { Environment, Role } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { ApiBindings } from "@/lib/http/api-bindings";
import { readLimitedBody } from "@/lib/http/limited-body";
import { CLIENT_IP_HEADER, CLIENT_PROTO_HEADER } from "@/lib/http/surface";
import { newId } from "@/lib/ids";
import type { Logger } from "@/lib/logger";
import { problemBody } from "@/lib/problem-body";
import {
  EVENT_STREAM_PATH,
  PROXY_ENVIRONMENT_HEADER,
  PROXY_MAX_BODY_BYTES,
} from "./proxy-protocol";
import {
  apiPathOf,
  apiQueryOf,
  checkSameOrigin,
  chooseEnvironment,
  forwardedRequestHeaders,
  passedResponseHeaders,
} from "./proxy-rules";
import { passThroughUntil, withStreamHeaders } from "./proxy-stream";

/** Who the proxy acts for: the signed-in member and what their cookies chose. */
export interface ProxyMember {
  userId: string;
  organizationId: string;
  projectId: string;
  environment: Environment;
  role: Role;
}

export interface ProxyDeps {
  /** The signed-in member for this request (session + context cookies), or null. */
  member(request: Request): Promise<ProxyMember | null>;
  /** runtime.sessionSecret: portal tokens are signed with a key derived from it. */
  sessionSecret: string;
  /** The API in this process (runtime.api.fetch): the default, no network hop. */
  apiFetch(request: Request, bindings: ApiBindings): Response | Promise<Response>;
  /** CLOUD_API_URL: forward over HTTP to a separate API tier instead. */
  cloudApiUrl?: string | undefined;
  fetch?: typeof fetch;
  now(): Date;
  /** How long the API may take before the proxy answers 503 (default 15 s). */
  timeoutMs?: number;
  /** Origins the portal is published on besides the request's own (NEXTAUTH_URL's). */
  publicOrigins: readonly string[];
  /** Origin for problem `type` links (config.docsOrigin): never taken from the request. */
  docsOrigin: string;
  logger?: Pick<Logger, "warn" | "info">;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const DEFAULT_TIMEOUT_MS = 15_000;

class UpstreamTimeout extends Error {}

function problem(error: AppError, docsOrigin: string): Response {
  const requestId = newId("req", 20);
  const headers: Record<string, string> = {
    "content-type": "application/problem+json",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "x-request-id": requestId,
  };
  for (const [name, value] of Object.entries(error.headers ?? {})) headers[name] = value;
  return new Response(JSON.stringify(problemBody(error, requestId, docsOrigin)), {
    status: error.status,
    headers,
  });
}

/**
 * The origin the browser used to reach this portal: the scheme server.ts derived from the socket
 * and the trusted-proxy rule (never a client's X-Forwarded-Proto), and the Host header.
 */
function ownOrigin(request: Request): string {
  const url = new URL(request.url);
  const proto = request.headers.get(CLIENT_PROTO_HEADER);
  const scheme = proto === "https" || proto === "http" ? proto : url.protocol.slice(0, -1);
  return `${scheme}://${request.headers.get("host") ?? url.host}`;
}

/** The path as it arrived: Request.url keeps percent-encoding, so nothing is decoded first. */
function rawPathAndQuery(url: string): { path: string; search: string } {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const rest = start === -1 ? "/" : url.slice(start);
  const q = rest.indexOf("?");
  return q === -1 ? { path: rest, search: "" } : { path: rest.slice(0, q), search: rest.slice(q) };
}

function withTimeout<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new UpstreamTimeout());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new UpstreamTimeout());
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The portal's server-side proxy: `/api/proxy/v1/...` -> the API's `/v1/...` on behalf of the
 * signed-in member. Refuses, in this order: a browser-sent Authorization (400), a path outside
 * /v1 or with traversal/encoding tricks (400), a cross-origin unsafe request (403), a signed-out
 * caller (401), a bad X-Cap-Environment (400), a body over 1 MiB (413). Then it mints a 2-minute
 * portal token and forwards only safe headers; the API's status, body and headers come back
 * unchanged except hop-by-hop headers and Set-Cookie. An unreachable or slow API is a 503.
 */
export async function proxyToApi(request: Request, deps: ProxyDeps): Promise<Response> {
  const fail = (error: AppError) => problem(error, deps.docsOrigin);
  const method = request.method.toUpperCase();

  if (request.headers.has("authorization")) {
    return fail(
      new AppError(
        "bad_request",
        "The portal proxy authenticates with your session; do not send an Authorization header",
      ),
    );
  }
  const { path: rawPath, search } = rawPathAndQuery(request.url);
  const apiPath = apiPathOf(rawPath);
  if (!apiPath.ok) return fail(new AppError("bad_request", apiPath.detail));
  const query = apiQueryOf(search);
  if (!query.ok) return fail(new AppError("bad_request", query.detail));

  const origin = checkSameOrigin(method, request.headers, [
    ownOrigin(request),
    ...deps.publicOrigins,
  ]);
  if (!origin.ok) return fail(new AppError("forbidden", origin.detail));

  const member = await deps.member(request);
  if (!member) {
    return fail(new AppError("unauthorized", "Sign in to the portal to use its API proxy"));
  }
  const environment = chooseEnvironment(
    request.headers.get(PROXY_ENVIRONMENT_HEADER),
    member.environment,
  );
  if (!environment.ok) return fail(new AppError("bad_request", environment.detail));

  let body: Uint8Array<ArrayBuffer> | null = null;
  if (BODY_METHODS.has(method)) {
    try {
      const bytes = await readLimitedBody(request, PROXY_MAX_BODY_BYTES);
      if (bytes.byteLength > 0) body = bytes;
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      return fail(new AppError("bad_request", "The request body could not be read"));
    }
  }

  const token = await signPortalToken(
    {
      userId: member.userId,
      organizationId: member.organizationId,
      projectId: member.projectId,
      environment: environment.value,
      role: member.role,
    },
    deps.sessionSecret,
    deps.now(),
  );
  const headers = forwardedRequestHeaders(request.headers);
  headers.set("authorization", `Bearer ${token}`);
  const clientIp = request.headers.get(CLIENT_IP_HEADER) ?? undefined;
  const signal = AbortSignal.any([
    request.signal,
    AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  ]);
  // An event stream stays open for minutes: the timeout bounds only the wait for its headers,
  // and the upstream request ends when the browser leaves, not when the timeout fires.
  const streaming = apiPath.value === EVENT_STREAM_PATH && method === "GET";
  const init: RequestInit = {
    method,
    headers,
    body,
    signal: streaming ? request.signal : signal,
    redirect: "manual",
  };

  let upstream: Response;
  try {
    if (deps.cloudApiUrl) {
      const base = new URL(deps.cloudApiUrl);
      const target = new URL(`${apiPath.value}${query.value}`, base);
      // Defence in depth: the path was checked, but never let the target leave the API's origin.
      if (target.origin !== base.origin) return fail(new AppError("bad_request", "Invalid path"));
      if (clientIp) headers.set("x-forwarded-for", clientIp);
      upstream = await withTimeout((deps.fetch ?? fetch)(target, init), signal);
    } else {
      const target = new URL(`${apiPath.value}${query.value}`, new URL(request.url).origin);
      // No socket in between: the hop cannot be intercepted, so it counts as a secure one.
      const bindings: ApiBindings = {
        incoming: { headers: {}, socket: { remoteAddress: clientIp, encrypted: true } },
      };
      upstream = await withTimeout(
        Promise.resolve(deps.apiFetch(new Request(target, init), bindings)),
        signal,
      );
    }
  } catch (error) {
    if (request.signal.aborted) {
      // The browser left (a navigation, a closed tab): not a fault of the API or of ours.
      deps.logger?.info({ path: apiPath.value }, "portal proxy: the client closed the request");
      return fail(new AppError("bad_request", "The client closed the request"));
    }
    const timedOut = error instanceof UpstreamTimeout || signal.aborted;
    deps.logger?.warn(
      { err: error instanceof Error ? error.message : String(error), path: apiPath.value },
      timedOut ? "portal proxy: the API timed out" : "portal proxy: the API is unreachable",
    );
    return fail(
      new AppError(
        "service_unavailable",
        timedOut ? "The API did not answer in time; retry shortly" : "The API is unreachable",
        { headers: { "retry-after": "5" } },
      ),
    );
  }

  if (upstream.status >= 300 && upstream.status < 400) {
    await upstream.body?.cancel();
    return fail(
      new AppError("service_unavailable", "The API answered with a redirect; it is not followed"),
    );
  }
  const passed = passedResponseHeaders(upstream.headers);
  if (streaming && upstream.ok && upstream.body) {
    return new Response(passThroughUntil(upstream.body, request.signal), {
      status: upstream.status,
      headers: withStreamHeaders(passed),
    });
  }
  return new Response(method === "HEAD" ? null : upstream.body, {
    status: upstream.status,
    headers: passed,
  });
}
