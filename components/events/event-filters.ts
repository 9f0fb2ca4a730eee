import {
  EVENT_TYPE_FILTER_PATTERN,
  MAX_EVENT_NAME_LENGTH,
  OBJECT_ID_PATTERN,
} from "@/lib/catalog/events";
import { EVENT_STREAM_PATH, PROXY_BASE } from "@/lib/portal/proxy-protocol";
import type { EventFilters } from "@/lib/portal/query-keys";

// The Events page's URL: ?type=<type or family>&object_id=<id>. Shared by the server page (its
// prefetch) and the client view, so both build the same query key and the same API paths.

type Params = { get(name: string): string | null };

export const EVENT_TYPES_PATH = "/v1/event-types" as const;

/** How many past events the page shows before the live ones. */
export const HISTORY_LIMIT = 50;

export function isEventTypeFilter(value: string): boolean {
  return value.length <= MAX_EVENT_NAME_LENGTH && EVENT_TYPE_FILTER_PATTERN.test(value);
}

export function isObjectId(value: string): boolean {
  return OBJECT_ID_PATTERN.test(value);
}

/** The valid filters of a URL; anything malformed is left out (the view says so). */
export function eventFiltersFromParams(params: Params): EventFilters {
  const filters: EventFilters = {};
  const type = params.get("type")?.trim();
  if (type && isEventTypeFilter(type)) filters.type = type;
  const objectId = params.get("object_id")?.trim();
  if (objectId && isObjectId(objectId)) filters.object_id = objectId;
  return filters;
}

/** From a server page's `searchParams` object. */
export function eventFiltersFromRecord(
  record: Record<string, string | string[] | undefined>,
): EventFilters {
  return eventFiltersFromParams({
    get: (name) => {
      const value = record[name];
      return typeof value === "string" ? value : null;
    },
  });
}

function searchOf(filters: EventFilters, extra: Record<string, string | undefined> = {}) {
  const params = new URLSearchParams();
  if (filters.type) params.set("type", filters.type);
  if (filters.object_id) params.set("object_id", filters.object_id);
  for (const [name, value] of Object.entries(extra)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** `?type=...&object_id=...` for the page's own URL ("" without filters). */
export function eventFilterSearch(filters: EventFilters): string {
  return searchOf(filters);
}

/** The history shown before the live tail: the newest events, newest first. */
export function eventHistoryPath(filters: EventFilters): `/v1/${string}` {
  const search = searchOf(filters, { limit: String(HISTORY_LIMIT) });
  return `/v1/events${search}`;
}

/**
 * The stream through the portal proxy, resuming after `after` (the newest event already on
 * screen), so nothing committed between the history's read and the stream's start is missed.
 */
export function eventStreamUrl(filters: EventFilters, after?: string): string {
  return `${PROXY_BASE}${EVENT_STREAM_PATH}${searchOf(filters, { after })}`;
}

/** Where the portal shows an event's object, by its id's prefix; null where it has no page. */
export function objectHref(objectId: string | null): string | null {
  if (!objectId) return null;
  const id = encodeURIComponent(objectId);
  if (objectId.startsWith("res_")) return `/dashboard/resources/${id}`;
  if (objectId.startsWith("we_")) return `/dashboard/webhooks/${id}`;
  if (objectId.startsWith("key_")) return "/dashboard/settings/api-keys";
  return null;
}

/** The request log filtered to the request that caused an event. */
export function requestLogHref(requestId: string | null): string | null {
  return requestId ? `/dashboard/logs?request_id=${encodeURIComponent(requestId)}` : null;
}
