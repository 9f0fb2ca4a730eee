import type { Context, TypedResponse } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";
import type { ApiEnv } from "./env";
import { responseHeaders, sendWithHeaders } from "./response-headers";

/**
 * Answers with JSON the domain already serialised (e.g. a resource spliced from its stored JSON
 * columns), through the request's header bag like c.json. `T` is the documented body type, so
 * the route keeps its typed response.
 */
export function jsonText<T, S extends ContentfulStatusCode>(
  c: Context<ApiEnv>,
  text: string,
  status: S,
  extraHeaders?: Record<string, string>,
): TypedResponse<JSONParsed<T>, S, "json"> {
  return jsonTextResponse(c, text, status, extraHeaders) as unknown as TypedResponse<
    JSONParsed<T>,
    S,
    "json"
  >;
}

/** jsonText as a plain Response, for handlers registered outside app.openapi(). */
export function jsonTextResponse(
  c: Context<ApiEnv>,
  text: string,
  status: ContentfulStatusCode,
  extraHeaders?: Record<string, string>,
): Response {
  const bag = responseHeaders(c);
  bag["content-type"] = "application/json";
  if (extraHeaders) Object.assign(bag, extraHeaders);
  return sendWithHeaders(c, text, status, bag);
}

/** 204 No Content with the request's headers. */
export function noContent(c: Context<ApiEnv>): Response {
  return sendWithHeaders(c, null, 204, responseHeaders(c));
}
