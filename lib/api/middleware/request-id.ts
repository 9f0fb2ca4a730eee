import { randomFillSync } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import type { ApiEnv } from "../env";
import { requestHeader } from "../request-header";
import { applyResponseHeaders, type RequestState } from "../response-headers";

const WELL_FORMED = /^req_[A-Za-z0-9_-]{6,64}$/;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ID_LENGTH = 20;

// Random bytes are drawn 4 KiB at a time: one randomBytes() call per request cost ~3 us, more than
// the rest of this middleware together.
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;

/** `req_` + 20 unbiased base62 characters (bytes >= 248 are skipped, as in lib/ids). */
export function newRequestId(): string {
  let id = "req_";
  let left = ID_LENGTH;
  while (left > 0) {
    if (used === pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    const byte = pool[used++] as number;
    if (byte < 248) {
      id += BASE62[byte % 62];
      left--;
    }
  }
  return id;
}

/**
 * Starts a request: echoes a well-formed client request id (so a caller can correlate) or mints
 * one, and starts the request's header bag (lib/api/response-headers.ts).
 */
export function beginRequest(c: Context<ApiEnv>): RequestState {
  const sent = requestHeader(c, "x-request-id");
  const id = sent && WELL_FORMED.test(sent) ? sent : newRequestId();
  c.set("requestId", id);
  const state: RequestState = {
    headers: { "x-request-id": id },
    headersApplied: false,
    requestBytes: -1,
    responseBytes: -1,
    errorCode: null,
    errorDetail: null,
  };
  c.set("requestState", state);
  return state;
}

/**
 * beginRequest as a middleware that also makes sure every answer leaves with the bag (the API app
 * does both in its front middleware, lib/api/middleware/front.ts).
 */
export const requestId: MiddlewareHandler<ApiEnv> = async (c, next) => {
  beginRequest(c);
  await next();
  applyResponseHeaders(c);
};
