import type { Context } from "hono";
import type { UsageWriter } from "@/lib/usage/usage-writer";
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

/** The answer's body size: known when the API built the answer, else its Content-Length. */
function bytesOut(c: Context<ApiEnv>, state: RequestState): number {
  if (state.responseBytes >= 0) return state.responseBytes;
  const length = c.res.headers.get("content-length");
  return length ? Number(length) || 0 : 0;
}

/**
 * One usage record per authenticated request (errors and 429s included: the rollups decide what
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
  writer.recordRequest(
    principal,
    c.req.method,
    routeTemplate(c),
    c.res.status,
    performance.now() - started,
    read >= 0 ? read : declared ? Number(declared) || 0 : 0,
    bytesOut(c, state),
  );
}
