import { RESOURCE_TYPES, VISIBLE_STATUSES } from "@/lib/catalog/resources";
import type { ResourceFilters } from "@/lib/portal/query-keys";

// The resources list's URL: ?type=&status=&region=&q=&cursor=&limit= (shareable, back/forward-able).
// Shared by the server page (prefetch) and the client view so both build the same query key.

const REGION = /^[a-z]{2}-[a-z]+-\d{1,2}$/;
const CURSOR = /^[A-Za-z0-9_=-]{1,512}$/;
export const PAGE_SIZES: readonly string[] = ["10", "25", "50", "100"];

type Params = { get(name: string): string | null };

export function filtersFromParams(params: Params): ResourceFilters {
  const filters: ResourceFilters = {};
  const type = params.get("type");
  if (type && (RESOURCE_TYPES as readonly string[]).includes(type)) filters.type = type;
  const status = params.get("status");
  if (status && (VISIBLE_STATUSES as readonly string[]).includes(status)) filters.status = status;
  const region = params.get("region");
  if (region && REGION.test(region)) filters.region = region;
  const q = params.get("q")?.trim();
  if (q) filters.q = q.slice(0, 255);
  const cursor = params.get("cursor");
  if (cursor && CURSOR.test(cursor)) filters.cursor = cursor;
  const limit = params.get("limit");
  if (limit && PAGE_SIZES.includes(limit)) filters.limit = limit;
  return filters;
}

/** From a server page's `searchParams` object. */
export function filtersFromRecord(record: Record<string, string | string[] | undefined>) {
  return filtersFromParams({
    get: (name) => {
      const value = record[name];
      return typeof value === "string" ? value : null;
    },
  });
}

export function paramsOfFilters(filters: ResourceFilters): string {
  const params = new URLSearchParams();
  for (const name of ["type", "status", "region", "q", "cursor", "limit"] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The API path of a list page (the same for the server's prefetch and the client's query). */
export function resourceListPath(filters: ResourceFilters): `/v1/${string}` {
  const params = new URLSearchParams();
  for (const name of ["type", "status", "region", "q", "cursor"] as const) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  params.set("limit", filters.limit ?? "25");
  return `/v1/resources?${params.toString()}`;
}
