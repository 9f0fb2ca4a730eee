import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { Context, TypedResponse } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { JSONParsed } from "hono/utils/types";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { DomainContext } from "@/lib/principal";
import { problemSchema } from "@/lib/schemas/common";
import type { ApiEnv } from "./env";
import { type HeaderBag, responseHeaders, sendWithHeaders } from "./response-headers";

/**
 * Everything a route file uses: the OpenAPI spec pieces, the domain context of a request, and
 * the one way to answer. Answers go through the request's header bag (request id, transport,
 * rate limit; see response-headers.ts), so a route never calls c.json or c.body.
 */

// ---- OpenAPI spec helpers --------------------------------------------------------------------

/** Every operation but the OpenAPI document takes an API key (or the portal's token). */
export const security = [{ bearerAuth: [] }];

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonRequestBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

/**
 * A JSON body a client may leave out (an operation that gained options later): without one the
 * handler sees `{}`, so schema defaults do not apply and the handler supplies them.
 */
export const optionalJsonRequestBody = <T>(schema: T) => ({
  required: false,
  content: { "application/json": { schema } },
});

/** A 200 that is JSON, or CSV when the caller asks for it (see csvAsked). */
export const jsonOrCsvContent = <T>(schema: T, description: string, csvExample?: string) => ({
  description,
  content: {
    "application/json": { schema },
    "text/csv": {
      schema: { type: "string" as const },
      ...(csvExample === undefined ? {} : { example: csvExample }),
    },
  },
});

export const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

/** The error answers every authenticated operation can give. */
export const commonErrorResponses = {
  400: problem("Malformed request or invalid query parameter"),
  401: problem("Missing, invalid, revoked or expired API key"),
  403: problem("The key lacks the scope for this action, or HTTPS is required"),
  429: problem("Rate limit exceeded; retry after Retry-After seconds"),
  500: problem("Unexpected error"),
} as const;

export const notFoundResponse = {
  404: problem("No such object in this project and environment"),
} as const;
export const validationResponse = {
  422: problem("The body failed validation; see errors[]"),
} as const;
export const conflictResponse = {
  409: problem("Conflict with the object's current state"),
} as const;
export const noContentResponse = { 204: { description: "Deleted; GET now answers 404" } };

// ---- The request's domain context ------------------------------------------------------------

/** What contextOf needs from the process. */
export interface ContextDeps {
  db: Kysely<Database>;
  now: () => Date;
}

/**
 * The DomainContext of this request (store, principal, time, client address), plus the extra
 * dependencies a domain's context adds (a bus, webhook settings, ...).
 */
export function contextOf(c: Context<ApiEnv>, deps: ContextDeps): DomainContext;
export function contextOf<X extends object>(
  c: Context<ApiEnv>,
  deps: ContextDeps,
  extra: X,
): DomainContext & X;
export function contextOf(
  c: Context<ApiEnv>,
  deps: ContextDeps,
  extra?: object,
): DomainContext & object {
  const ctx: DomainContext = {
    db: deps.db,
    principal: c.get("principal"),
    now: deps.now(),
    ip: c.get("clientIp"),
    requestId: c.get("requestId"),
    userAgent: c.req.header("user-agent") ?? null,
  };
  return extra ? Object.assign(ctx, extra) : ctx;
}

// ---- Answers ---------------------------------------------------------------------------------

type JsonAnswer<T, S extends ContentfulStatusCode> = TypedResponse<JSONParsed<T>, S, "json">;

function withExtra(c: Context<ApiEnv>, contentType: string, extra?: HeaderBag): HeaderBag {
  const bag = responseHeaders(c);
  if (extra) for (const name in extra) bag[name.toLowerCase()] = extra[name] as string;
  bag["content-type"] = contentType;
  return bag;
}

/** A JSON answer with the request's headers; `extra` headers (a Location, say) are added. */
export function sendJson<T, S extends ContentfulStatusCode>(
  c: Context<ApiEnv>,
  body: T,
  status: S,
  extra?: HeaderBag,
): JsonAnswer<T, S> {
  const bag = withExtra(c, "application/json", extra);
  return sendWithHeaders(c, JSON.stringify(body), status, bag) as unknown as JsonAnswer<T, S>;
}

/**
 * JSON the domain already serialised (e.g. a resource spliced from its stored JSON columns).
 * `T` is the documented body type, so the route keeps its typed response.
 */
export function sendJsonText<T, S extends ContentfulStatusCode>(
  c: Context<ApiEnv>,
  text: string,
  status: S,
  extra?: HeaderBag,
): JsonAnswer<T, S> {
  return sendRawJson(c, text, status, extra) as unknown as JsonAnswer<T, S>;
}

/** sendJsonText as a plain Response, for handlers registered outside app.openapi(). */
export function sendRawJson(
  c: Context<ApiEnv>,
  text: string,
  status: ContentfulStatusCode,
  extra?: HeaderBag,
): Response {
  return sendWithHeaders(c, text, status, withExtra(c, "application/json", extra));
}

/** A text answer of the given type (CSV, for one), with the request's headers. */
export function sendText(
  c: Context<ApiEnv>,
  text: string,
  contentType: string,
  extra?: HeaderBag,
): Response {
  return sendWithHeaders(c, text, 200, withExtra(c, contentType, extra));
}

/** 204 No Content with the request's headers. */
export function noContent(c: Context<ApiEnv>): Response {
  return sendWithHeaders(c, null, 204, responseHeaders(c));
}

// ---- CSV downloads ---------------------------------------------------------------------------

const CSV_SUFFIX = ".csv";

/**
 * Whether a download route was asked for CSV: `?format=csv`, or an id with a `.csv` suffix (so a
 * link to /v1/.../{id}.csv saves a file). Returns the id without the suffix.
 */
export function csvAsked(format: string | undefined, id = ""): { csv: boolean; id: string } {
  if (id.endsWith(CSV_SUFFIX)) return { csv: true, id: id.slice(0, -CSV_SUFFIX.length) };
  return { csv: format === "csv", id };
}

/** The CSV as a file download named `<name>.csv`. */
export function sendCsv(c: Context<ApiEnv>, csv: string, name: string): Response {
  return sendText(c, csv, "text/csv; charset=utf-8", {
    "content-disposition": `attachment; filename="${name}${CSV_SUFFIX}"`,
  });
}

// ---- Registration ----------------------------------------------------------------------------

/**
 * A GET by id registered for the OpenAPI document as declared, but served without zod's path
 * parameter validator. Only for routes whose id parameter is a plain string (every value passes
 * it; an id of the wrong form is a 404 from the store, as before): the validator is one more
 * middleware and promise on the API's hottest path. The handler reads `c.req.param("id")`.
 */
export function getByIdWithoutValidator(
  app: OpenAPIHono<ApiEnv>,
  route: RouteConfig & { method: "get" },
  handler: (c: Context<ApiEnv>, id: string) => Response | Promise<Response>,
): void {
  app.openAPIRegistry.registerPath(route);
  app.get(route.path.replaceAll(/\/{(.+?)}/g, "/:$1"), (c) => handler(c, c.req.param("id") ?? ""));
}
