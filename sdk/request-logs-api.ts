import type { CloudClient } from "./client";
import { type RequestLogTailOptions, tailRequestLogs } from "./request-log-tail";
import type { Schemas } from "./types";

export type RequestLog = Schemas["RequestLog"];
export type RequestLogDetail = Schemas["RequestLogDetail"];

/** GET /v1/request-logs filters, in the SDK's spelling (the API's names in comments). */
export interface RequestLogFilters {
  method?: string;
  /** An exact status ("429") or a class ("4xx"). */
  status?: string;
  /** A path prefix as sent: /v1/resources. */
  path?: string;
  /** A route template: /v1/resources/:id. */
  route?: string;
  /** api_key_id */
  apiKeyId?: string;
  /** request_id */
  requestId?: string;
  ip?: string;
  /** created_gte, ISO 8601. */
  createdGte?: string;
  /** created_lte, ISO 8601. */
  createdLte?: string;
}

export interface RequestLogListQuery extends RequestLogFilters {
  limit?: number;
  cursor?: string;
}

export interface RequestLogsApi {
  /** One page, newest first (answer time, then request id). */
  list(query?: RequestLogListQuery): Promise<Schemas["RequestLogList"]>;
  /** One request with its trace: the events it emitted and their webhook deliveries. */
  get(requestId: string): Promise<RequestLogDetail>;
  /**
   * Requests logged from now on (or from `since`), each once, oldest first within each poll;
   * ends when `signal` aborts. The tail's own polls are left out.
   */
  tail(options?: RequestLogTailOptions): AsyncGenerator<RequestLog, void, undefined>;
}

/** The API's query parameters for the filters. */
export function requestLogQuery(query: RequestLogListQuery): Record<string, string> {
  const out: Record<string, string> = {};
  const names: Array<[keyof RequestLogListQuery, string]> = [
    ["method", "method"],
    ["status", "status"],
    ["path", "path"],
    ["route", "route"],
    ["apiKeyId", "api_key_id"],
    ["requestId", "request_id"],
    ["ip", "ip"],
    ["createdGte", "created_gte"],
    ["createdLte", "created_lte"],
    ["cursor", "cursor"],
  ];
  for (const [from, to] of names) {
    const value = query[from];
    if (value !== undefined && value !== "") out[to] = String(value);
  }
  if (query.limit !== undefined) out.limit = String(query.limit);
  return out;
}

export function requestLogsApi(client: Pick<CloudClient, "GET">): RequestLogsApi {
  const api: RequestLogsApi = {
    list: async (query = {}) =>
      (await client.GET("/v1/request-logs", { params: { query: requestLogQuery(query) } })).data,
    get: async (requestId) =>
      (
        await client.GET("/v1/request-logs/{request_id}", {
          params: { path: { request_id: requestId } },
        })
      ).data,
    tail: (options = {}) => tailRequestLogs(client, options),
  };
  return api;
}
