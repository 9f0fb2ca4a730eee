// The request logs' URL: ?method=&status=&path=&route=&api_key_id=&request_id=&ip=&cursor=
// (shareable, back/forward-able) plus ?request= for the entry open in the detail pane.

export const LOG_FILTER_NAMES = [
  "method",
  "status",
  "path",
  "route",
  "api_key_id",
  "request_id",
  "ip",
] as const;
export type LogFilterName = (typeof LOG_FILTER_NAMES)[number];

export type LogFilters = Partial<Record<LogFilterName | "cursor" | "request", string>>;

/** What each filter may hold in the URL; anything else is dropped rather than sent to fail. */
const SHAPES: Record<LogFilterName | "cursor" | "request", RegExp> = {
  method: /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/,
  status: /^[1-5](\d\d|xx)$/,
  path: /^\/[\x21-\x7e]{0,499}$/,
  route: /^(\/v1(\/[A-Za-z0-9:._-]+)*|unmatched)$/,
  api_key_id: /^key_[A-Za-z0-9]{1,64}$/,
  request_id: /^req_[A-Za-z0-9_-]{6,64}$/,
  ip: /^[0-9A-Fa-f:.]{2,45}$/,
  cursor: /^[A-Za-z0-9_=-]{1,512}$/,
  request: /^req_[A-Za-z0-9_-]{6,64}$/,
};

type Params = { get(name: string): string | null };

export function logFiltersFromParams(params: Params): LogFilters {
  const filters: LogFilters = {};
  for (const name of Object.keys(SHAPES) as Array<keyof typeof SHAPES>) {
    const raw = params.get(name)?.trim();
    const value = name === "method" ? raw?.toUpperCase() : raw;
    if (value && SHAPES[name].test(value)) filters[name] = value;
  }
  return filters;
}

/** The page's query string for these filters ("" when none). */
export function paramsOfLogFilters(filters: LogFilters): string {
  const params = new URLSearchParams();
  for (const name of [...LOG_FILTER_NAMES, "cursor", "request"] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API path of one page of logs (the detail pane's selection is not part of it). */
export function requestLogsPath(filters: LogFilters, limit = 50): `/v1/${string}` {
  const params = new URLSearchParams();
  for (const name of [...LOG_FILTER_NAMES, "cursor"] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  params.set("limit", String(limit));
  return `/v1/request-logs?${params.toString()}`;
}

/** A link into the logs page with these filters (the usage page's routes and keys use it). */
export function logsHref(filters: LogFilters): string {
  return `/dashboard/logs${paramsOfLogFilters(filters)}`;
}
