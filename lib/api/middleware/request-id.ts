import { randomFillSync } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { BASE62 } from "@/lib/ids";
import type { ApiEnv } from "../env";
import { requestHeader } from "../request-header";
import { applyResponseHeaders, type RequestState } from "../response-headers";

const WELL_FORMED = /^req_[A-Za-z0-9_-]{6,64}$/;
const ID_LENGTH = 20;

// Random bytes are drawn 4 KiB at a time: one randomBytes() call per request cost ~3 us, more than
// the rest of this middleware together.
const pool = Buffer.allocUnsafe(4096);
let used = pool.length;

/** Base62 characters of the millisecond clock at the front of a minted id. */
const TIME_LENGTH = 7;

let stampMs = -1;
let stamp = "";

/** The clock as 7 base62 characters, cached per millisecond (62^7 ms lasts until 2081). */
function timeStamp(now: number): string {
  if (now !== stampMs) {
    stampMs = now;
    let rest = now;
    let text = "";
    for (let i = 0; i < TIME_LENGTH; i++) {
      text = BASE62[rest % 62] + text;
      rest = Math.floor(rest / 62);
    }
    stamp = text;
  }
  return stamp;
}

/**
 * `req_` + 20 base62 characters: 7 of the millisecond clock, then 13 unbiased random ones (~77
 * bits; bytes >= 248 are skipped, as in lib/ids). Ids that grow with time keep the request log's
 * request_id index appending at its end: random ones cost ~35 us more per stored request (random
 * b-tree inserts), a third of the whole request.
 */
export function newRequestId(now = Date.now()): string {
  let id = `req_${timeStamp(now)}`;
  let left = ID_LENGTH - TIME_LENGTH;
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
