import type { Context } from "hono";
import type { ApiEnv } from "./env";

/**
 * The headers every answer to this request carries (request id, transport, rate limit), kept in
 * one plain object with lower-case names. Why not c.header(): each call makes Hono build and
 * merge a Headers object, and @hono/node-server then takes its slow path; a plain object goes
 * straight to writeHead (see DESIGN.md, "Facts measured here").
 */
export type HeaderBag = Record<string, string>;

type HeaderValues = Record<string, string | string[]>;
type JsonArgs = [object: unknown, arg?: number | ResponseInit, headers?: HeaderValues];
type HeaderArgs = [name: string, value?: string, options?: { append?: boolean }];

const applied = new WeakSet<HeaderBag>();

export function responseHeaders(c: Context<ApiEnv>): HeaderBag {
  let bag = c.get("responseHeaders");
  if (!bag) {
    bag = {};
    c.set("responseHeaders", bag);
  }
  return bag;
}

function put(bag: HeaderBag, name: string, value: string | string[]): void {
  bag[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
}

function mergeInit(bag: HeaderBag, init: HeadersInit | HeaderValues): void {
  if (init instanceof Headers || Array.isArray(init)) {
    new Headers(init).forEach((value, name) => {
      bag[name] = value;
    });
    return;
  }
  for (const name in init) {
    const value = (init as HeaderValues)[name];
    if (value !== undefined) put(bag, name, value);
  }
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
  applied.add(bag);
  c.set("responseBytes", body === null ? 0 : Buffer.byteLength(body));
  return new Response(body, { status, headers: bag });
}

/**
 * Makes this request's c.json and c.header use the bag: c.header() before the answer writes into
 * it, and c.json() answers with it directly. Routes keep using Hono's API unchanged; answers made
 * another way (c.body, c.text, a Response) get the bag copied on by applyResponseHeaders.
 */
export function useHeaderBag(c: Context<ApiEnv>, bag: HeaderBag): void {
  c.set("responseHeaders", bag);
  const honoHeader = c.header;
  const honoStatus = c.status;
  let status: number | undefined;
  c.header = ((...[name, value, options]: HeaderArgs) => {
    if (c.finalized) return honoHeader(name, value, options);
    const key = name.toLowerCase();
    if (value === undefined) delete bag[key];
    else if (options?.append && bag[key] !== undefined) bag[key] = `${bag[key]}, ${value}`;
    else bag[key] = value;
  }) as typeof c.header;
  c.status = ((code: Parameters<typeof c.status>[0]) => {
    status = code;
    honoStatus(code);
  }) as typeof c.status;
  c.json = ((...[object, arg, headers]: JsonArgs) => {
    let code = status ?? 200;
    if (typeof arg === "number") code = arg;
    else if (arg) {
      if (arg.status) code = arg.status;
      if (arg.headers) mergeInit(bag, arg.headers);
    }
    if (headers) mergeInit(bag, headers);
    bag["content-type"] = "application/json";
    return sendWithHeaders(c, JSON.stringify(object), code, bag);
  }) as typeof c.json;
}

/**
 * Copies the bag onto an answer that was built without it. A header the answer already has wins.
 */
export function applyResponseHeaders(c: Context<ApiEnv>): void {
  const bag = c.get("responseHeaders");
  if (!bag || applied.has(bag)) return;
  applied.add(bag);
  const headers = c.res.headers;
  for (const name in bag) {
    if (!headers.has(name)) headers.set(name, bag[name] as string);
  }
}
