import type {
  Client,
  ClientPathsWithMethod,
  FetchResponse,
  MaybeOptionalInit,
  ParseAs,
} from "openapi-fetch";
import type { components, paths } from "./generated/openapi";

export type { components, paths };
export type Schemas = components["schemas"];
export type Resource = Schemas["Resource"];
export type ApiEvent = Schemas["Event"];

export type MediaType = `${string}/${string}`;
export type RawClient = Client<paths, MediaType>;
export type HttpMethod = "get" | "put" | "post" | "patch" | "delete";
export type PathsFor<M extends HttpMethod> = ClientPathsWithMethod<RawClient, M>;

/** Per-call options the SDK adds to openapi-fetch's. */
export interface CallOptions {
  /** POST only: a key of your own, or false to send none (then the call is never retried). */
  idempotencyKey?: string | false;
}

type RequiredKeys<T> = {
  [K in keyof T]-?: Record<string, never> extends Pick<T, K> ? never : K;
}[keyof T];
type InitArgs<Init> =
  RequiredKeys<Init> extends never ? [init?: Init & CallOptions] : [init: Init & CallOptions];

/** A successful answer: errors are thrown as CloudApiError, so there is no error branch. */
export type Success<R> = Extract<R, { data: unknown }>;

type Answer<P extends PathsFor<M>, M extends HttpMethod, Init> = Promise<
  Success<FetchResponse<NonNullable<paths[P][M]>, Init, MediaType>>
>;

/**
 * One method of the client. Without parseAs the init is checked exactly (an unknown body field is
 * an error); with parseAs ("text", "stream", ...) the answer's data has that form.
 */
export interface Method<M extends HttpMethod> {
  <P extends PathsFor<M>, Init extends MaybeOptionalInit<paths[P], M> & { parseAs: ParseAs }>(
    url: P,
    ...init: InitArgs<Init>
  ): Answer<P, M, Init>;
  <P extends PathsFor<M>>(
    url: P,
    ...init: InitArgs<MaybeOptionalInit<paths[P], M>>
  ): Answer<P, M, object>;
}

type JsonBody<Op, Status extends number> = Op extends {
  responses: { [S in Status]: { content: { "application/json": infer T } } };
}
  ? T
  : never;

type GetOperation<P extends PathsFor<"get">> = paths[P]["get"];

/** GET paths whose 200 answer is a page: { data: [...], meta }. */
export type ListPath = {
  [P in PathsFor<"get">]: JsonBody<GetOperation<P>, 200> extends {
    data: unknown[];
    meta: { next_cursor: string | null };
  }
    ? P
    : never;
}[PathsFor<"get">];

export type ListItem<P extends ListPath> =
  JsonBody<GetOperation<P>, 200> extends { data: Array<infer Item> } ? Item : never;

type QueryOf<P extends PathsFor<"get">> =
  GetOperation<P> extends {
    parameters: { query?: infer Q };
  }
    ? NonNullable<Q>
    : never;

/** A list's filters; paging itself (cursor, limit, page, per_page) is the iterator's job. */
export type ListQuery<P extends ListPath> = Omit<
  QueryOf<P>,
  "cursor" | "limit" | "page" | "per_page"
>;

export type PathParams<P extends PathsFor<"get">> =
  GetOperation<P> extends {
    parameters: { path: infer A };
  }
    ? A
    : never;
