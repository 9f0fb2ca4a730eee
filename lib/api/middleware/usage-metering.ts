import type { Context } from "hono";
import type { RequestDetail, UsageWriter } from "@/lib/usage/usage-writer";
import type { ApiEnv } from "../env";
import { requestHeader } from "../request-header";
import { type RequestState, requestState } from "../response-headers";

/** The matched endpoint's template ("/v1/resources/:id"): never the raw path with its ids. */
function routeTemplate(c: Context<ApiEnv>): string {
  const routes = c.req.matchedRoutes;
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i];
    if (route && route.method !== "ALL") return route.path;
  }
  return "unmatched";
}

/** The URL's path as the client sent it (/sandbox/v1/... stays so), without the query. */
function pathAsSent(url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const end = url.indexOf("?", start);
  return end === -1 ? url.slice(start) : url.slice(start, end);
}

/** The answer's body size: known when the API built the answer, else its Content-Length. */
function bytesOut(c: Context<ApiEnv>, state: RequestState): number {
  if (state.responseBytes >= 0) return state.responseBytes;
  const length = c.res.headers.get("content-length");
  return length ? Number(length) || 0 : 0;
}

/**
 * One usage record per authenticated request, with what the request logs show about it (errors and 429s included: the rollups decide what
 * is billable), handed to the batched writer; nothing here waits for the store. Called once the
 * answer is ready, with the time the request started; requests that never authenticated are not
 * recorded (failed authentication is limited per address instead).
 */
export function recordUsage(writer: UsageWriter, c: Context<ApiEnv>, started: number): void {
  const principal = c.get("principal");
  if (!principal) return;
  const state = requestState(c);
  const read = state.requestBytes;
  const declared = read < 0 ? requestHeader(c, "content-length") : undefined;
  const method = c.req.method;
  const detail: RequestDetail = {
    requestId: c.get("requestId"),
    path: pathAsSent(c.req.url),
    ip: c.get("clientIp") ?? null,
    userAgent: requestHeader(c, "user-agent") ?? null,
    idempotencyKey: method === "POST" ? (requestHeader(c, "idempotency-key") ?? null) : null,
    replayed: state.headers["idempotent-replayed"] === "true",
    errorCode: state.errorCode,
    errorDetail: state.errorDetail,
  };
  writer.recordRequest(
    principal,
    method,
    routeTemplate(c),
    c.res.status,
    performance.now() - started,
    read >= 0 ? read : declared ? Number(declared) || 0 : 0,
    bytesOut(c, state),
    detail,
  );
}
