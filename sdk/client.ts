import createOpenApiClient from "openapi-fetch";
import { type DeploymentsApi, deploymentsApi } from "./deployments-api";
import { CloudApiError } from "./errors";
import { streamEvents } from "./event-stream";
import { type EventsApi, eventsApi } from "./events-api";
import { paginate } from "./paginate";
import { type RequestLogsApi, requestLogsApi } from "./request-logs-api";
import {
  createTransport,
  DEFAULT_RETRY_POLICY,
  IDEMPOTENCY_HEADER,
  type RetryPolicy,
} from "./transport";
import type {
  CallOptions,
  HttpMethod,
  ListItem,
  ListPath,
  ListQuery,
  MediaType,
  Method,
  PathParams,
  paths,
  RawClient,
} from "./types";
import { SDK_VERSION } from "./version";
import { type WaitForOptions, type WaitResult, type WaitTarget, waitFor } from "./wait-for";

export const DEFAULT_BASE_URL = "http://localhost:3000";

export interface ClientOptions {
  /** Default: CLOUD_API_KEY. */
  apiKey?: string;
  /** The API's origin, without /v1. Default: CLOUD_API_URL, else http://localhost:3000. */
  baseUrl?: string;
  /** Call /sandbox/v1 (sk_test_ keys only). */
  sandbox?: boolean;
  /** Add an Idempotency-Key to every POST that has none (default true). */
  idempotencyKeys?: boolean;
  retry?: Partial<RetryPolicy>;
  /** A fetch of your own (proxies, tests). */
  fetch?: typeof globalThis.fetch;
  userAgent?: string;
}

export interface CloudClient {
  readonly baseUrl: string;
  GET: Method<"get">;
  POST: Method<"post">;
  PUT: Method<"put">;
  PATCH: Method<"patch">;
  DELETE: Method<"delete">;
  /** The openapi-fetch client underneath: answers { data, error, response } instead of throwing. */
  raw: RawClient;
  /** Every item of a list, page after page (cursor mode). */
  paginate<P extends ListPath>(
    path: P,
    query?: ListQuery<P>,
    options?: { path?: PathParams<P>; pageSize?: number; signal?: AbortSignal },
  ): AsyncGenerator<ListItem<P>, void, undefined>;
  /** The event log (list, get, types) and the live stream. */
  events: EventsApi;
  /** Plan, create, read and steer deployments; waitFor answers the terminal one. */
  deployments: DeploymentsApi;
  /** Request logs: list, get (with the trace) and tail (follow new requests). */
  requestLogs: RequestLogsApi;
  /** Polls a resource (res_...) or deployment (dep_...) until it has one of the statuses. */
  waitFor<T extends WaitTarget>(
    target: T,
    status: string | string[],
    options?: WaitForOptions,
  ): Promise<WaitResult<T>>;
}

/** The environment where there is one (Node, Deno, Bun); browsers have none. */
function env(name: string): string | undefined {
  const holder = globalThis as { process?: { env?: Record<string, string | undefined> } };
  const value = holder.process?.env?.[name];
  return value?.trim() || undefined;
}

export function createClient(options: ClientOptions = {}): CloudClient {
  const origin = (options.baseUrl ?? env("CLOUD_API_URL") ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
  const baseUrl = options.sandbox ? `${origin}/sandbox` : origin;
  const common = {
    apiKey: options.apiKey ?? env("CLOUD_API_KEY"),
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    userAgent: options.userAgent ?? `cloud-sdk-js/${SDK_VERSION}`,
  };
  const transport = createTransport({
    ...common,
    idempotencyKeys: options.idempotencyKeys ?? true,
  });
  const transportWithoutKeys = createTransport({ ...common, idempotencyKeys: false });
  const raw = createOpenApiClient<paths, MediaType>({ baseUrl, fetch: transport });

  type AnyInit = CallOptions & { headers?: Record<string, string>; [key: string]: unknown };
  const call = (method: HttpMethod) =>
    (async (url: string, init?: AnyInit) => {
      const { idempotencyKey, ...rest } = init ?? {};
      const options: AnyInit = { ...rest };
      if (idempotencyKey === false) options.fetch = transportWithoutKeys;
      else if (typeof idempotencyKey === "string") {
        options.headers = { ...rest.headers, [IDEMPOTENCY_HEADER]: idempotencyKey };
      }
      // openapi-fetch's request() is typed per path; this one wrapper serves every path.
      const request = raw.request as unknown as (
        m: string,
        u: string,
        i: AnyInit,
      ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
      const result = await request(method, url, options);
      if (!result.response.ok) throw CloudApiError.fromResponse(result.response, result.error);
      return result;
    }) as never;

  const stream: EventsApi["stream"] = (streamOptions) =>
    streamEvents({
      baseUrl,
      apiKey: common.apiKey,
      fetch: common.fetch,
      userAgent: common.userAgent,
      options: streamOptions ?? {},
    });
  const GET: Method<"get"> = call("get");
  const POST: Method<"post"> = call("post");
  const client: CloudClient = {
    baseUrl,
    GET,
    POST,
    PUT: call("put"),
    PATCH: call("patch"),
    DELETE: call("delete"),
    raw,
    paginate: (path, query, pageOptions) =>
      paginate(client, path, query, pageOptions ?? {}) as never,
    events: eventsApi({ GET }, stream),
    deployments: deploymentsApi({ GET, POST }),
    requestLogs: requestLogsApi({ GET }),
    waitFor: (target, status, waitOptions) =>
      waitFor(transport, baseUrl, target, status, waitOptions ?? {}),
  };
  return client;
}
