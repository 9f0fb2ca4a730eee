import { RESOURCE_TYPES, VISIBLE_STATUSES } from "@/lib/catalog/resources";

// Counts for the overview, from list totals (per_page=1 each): shared by the server's prefetch
// and the client's hook, so both fill the same cache entry the same way.

export interface ResourceCounts {
  total: number;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
}

type Get = (path: `/v1/${string}`) => Promise<{ meta: { total: number } }>;

export async function loadResourceCounts(get: Get): Promise<ResourceCounts> {
  const [total, types, statuses] = await Promise.all([
    get("/v1/resources?per_page=1"),
    Promise.all(RESOURCE_TYPES.map((type) => get(`/v1/resources?per_page=1&type=${type}`))),
    Promise.all(VISIBLE_STATUSES.map((status) => get(`/v1/resources?per_page=1&status=${status}`))),
  ]);
  return {
    total: total.meta.total,
    byType: Object.fromEntries(RESOURCE_TYPES.map((t, i) => [t, types[i]?.meta.total ?? 0])),
    byStatus: Object.fromEntries(VISIBLE_STATUSES.map((s, i) => [s, statuses[i]?.meta.total ?? 0])),
  };
}

export const RECENT_EVENTS_PATH = "/v1/events?limit=8" as const;
export const RATE_LIMITS_PATH = "/v1/rate-limits" as const;
