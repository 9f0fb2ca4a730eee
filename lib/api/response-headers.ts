import type { Context } from "hono";
import type { ApiEnv } from "./env";

/**
 * The headers every answer to this request carries (request id, transport, rate limit), kept in
 * one plain object with lower-case names. Why not c.header(): each call makes Hono build and
 * merge a Headers object, and @hono/node-server then takes its slow path; a plain object goes
 * straight to writeHead (see DESIGN.md, "Facts measured here").
 *
 * Routes answer through lib/api/route-kit.ts (sendJson, noContent, sendCsv, ...), which hands the
 * bag to sendWithHeaders. An answer made any other way (Hono's c.json, a Response) still gets the
 * bag: the first middleware copies it on at the end (applyResponseHeaders), a little slower.
 */
export type HeaderBag = Record<string, string>;

/**
 * What this request's answer carries and what metering needs to know about it, in one object made
 * by the first middleware and then only mutated (no c.set() while answering).
 */
export interface RequestState {
  headers: HeaderBag;
  /** True once the bag is on the answer. */
  headersApplied: boolean;
  /** Body sizes when known (-1: unknown), for usage metering. */
  requestBytes: number;
  responseBytes: number;
  /** The problem this request was answered with (for the request logs); null on success. */
  errorCode: string | null;
  errorDetail: string | null;
}

export function requestState(c: Context<ApiEnv>): RequestState {
  let state = c.get("requestState");
  if (!state) {
    state = {
      headers: {},
      headersApplied: false,
      requestBytes: -1,
      responseBytes: -1,
      errorCode: null,
      errorDetail: null,
    };
    c.set("requestState", state);
  }
  return state;
}

export function responseHeaders(c: Context<ApiEnv>): HeaderBag {
  return requestState(c).headers;
}

/**
 * Answers with a body and the bag as the response's only header object (the fast path), and
 * notes the body's size for usage metering.
 */
export function sendWithHeaders(
  c: Context<ApiEnv>,
  body: string | null,
  status: number,
  bag: HeaderBag,
): Response {
  const state = requestState(c);
  state.headersApplied = true;
  state.responseBytes = body === null ? 0 : Buffer.byteLength(body);
  return new Response(body, { status, headers: bag });
}

/**
 * Copies the bag onto an answer that was built without it (Hono's c.json, c.body, a Response).
 * A header the answer already has wins. Its body size stays unknown to metering unless the
 * answer declares a Content-Length.
 */
export function applyResponseHeaders(c: Context<ApiEnv>): void {
  const state = c.get("requestState");
  if (!state || state.headersApplied) return;
  state.headersApplied = true;
  const bag = state.headers;
  const headers = c.res.headers;
  for (const name in bag) {
    if (!headers.has(name)) headers.set(name, bag[name] as string);
  }
}
