import type { Context, TypedResponse } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";
import type { ApiEnv } from "./env";

/**
 * The headers every answer to this request carries (request id, transport, rate limit), kept in
 * one plain object with lower-case names. Why not c.header(): each call makes Hono build and
 * merge a Headers object, and @hono/node-server then takes its slow path; a plain object goes
 * straight to writeHead (see DESIGN.md, "Facts measured here").
 *
 * Routes answer through sendJson (or sendWithHeaders / jsonText) for the fast path. Hono's own
 * c.json and c.body still work (c.header() and c.status() before them too): they are routed
 * through Hono with the bag merged in, which is correct but a few microseconds slower; anything
 * else (c.text, a Response) gets the bag copied on by the first middleware at the end.
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
}

export function requestState(c: Context<ApiEnv>): RequestState {
  let state = c.get("requestState");
  if (!state) {
    state = { headers: {}, headersApplied: false, requestBytes: -1, responseBytes: -1 };
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
 * c.json for API routes: the same typed answer, through the header bag. `extra` headers are
 * added to the bag (lower-case names).
 */
export function sendJson<T, S extends ContentfulStatusCode>(
  c: Context<ApiEnv>,
  body: T,
  status: S,
  extra?: Record<string, string>,
): TypedResponse<JSONParsed<T>, S, "json"> {
  const bag = responseHeaders(c);
  if (extra) for (const name in extra) bag[name.toLowerCase()] = extra[name] as string;
  bag["content-type"] = "application/json";
  return sendWithHeaders(c, JSON.stringify(body), status, bag) as unknown as TypedResponse<
    JSONParsed<T>,
    S,
    "json"
  >;
}

type HeaderValues = Record<string, string | string[]>;
/** c.body and c.json as they are called (Hono's overloads narrowed to what we pass on). */
type BodyFn = (data: unknown, arg?: number | ResponseInit, headers?: HeaderValues) => Response;

function sizeOf(data: unknown): number {
  if (data === null || data === undefined) return 0;
  if (typeof data === "string") return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return -1; // a stream: unknown
}

/**
 * Makes c.body and c.json (Hono's) answer with the bag and note the body size; Hono still applies
 * what c.header() and c.status() prepared. Only these two are replaced: replacing c.header or
 * c.status as well measured ~12 us more per request.
 */
export function attachHeaderBag(c: Context<ApiEnv>, state: RequestState): void {
  const honoBody = c.body as unknown as BodyFn;
  const body: BodyFn = (data, arg, headers) => {
    state.headersApplied = true;
    state.responseBytes = sizeOf(data);
    const merged: HeaderValues = { ...state.headers };
    if (headers) for (const name in headers) merged[name.toLowerCase()] = headers[name] as string;
    return honoBody(data, arg, merged);
  };
  const json: BodyFn = (object, arg, headers) =>
    body(JSON.stringify(object), arg, { ...headers, "content-type": "application/json" });
  c.body = body as unknown as typeof c.body;
  c.json = json as unknown as typeof c.json;
}

/**
 * Copies the bag onto an answer that was built without it (Hono's c.json, c.body, a Response).
 * A header the answer already has wins.
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
