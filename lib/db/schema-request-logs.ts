import type { Generated } from "kysely";
import type { Environment } from "./schema";

/**
 * The raw request record (migration 0011): one compact row per authenticated API request, read by
 * the usage rollups, the 429 counts, the series tail, billing and the request logs. What repeats
 * from request to request is interned: the tenant (`request_scopes`), the tuple the rollups group
 * by (`request_series`) and the user agent (`request_user_agents`); a row holds small integers
 * and the few texts that are new with every request (its id, path, address).
 */

/** One (organization, project, environment): what a tenant filter on the raw rows matches. */
export interface RequestScopesTable {
  id: Generated<number>;
  organization_id: string;
  project_id: string;
  environment: Environment;
}

/** One (tenant, key, member, method, route template, status): the dimensions of the rollups. */
export interface RequestSeriesTable {
  id: Generated<number>;
  scope_id: number;
  organization_id: string;
  project_id: string;
  environment: Environment;
  /** '' for requests without a key (members through the portal). */
  key_id: string;
  /** The member of a portal call; '' for key calls. */
  user_id: string;
  method: string;
  /** Route template, e.g. `/v1/resources/:id`; "unmatched" when no route matched. */
  route: string;
  status: number;
}

export interface RequestUserAgentsTable {
  id: Generated<number>;
  value: string;
}

export interface RequestLogTable {
  /** Milliseconds since the epoch when the answer was ready. */
  ts: number;
  scope_id: number;
  series_id: number;
  /** Time from the request's arrival to its answer, in microseconds. */
  latency_us: number;
  bytes_in: number;
  bytes_out: number;
  /** `req_...`; null only on rows moved from before request logging (usage counts only). */
  request_id: string | null;
  /** The path as sent (with /sandbox when it came that way), without the query string. */
  path: string | null;
  ip: string | null;
  user_agent_id: number | null;
  idempotency_key: string | null;
  /** 1 when the answer was a stored idempotent answer replayed. */
  replayed: Generated<number>;
  error_code: string | null;
  error_detail: string | null;
}
