"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { callApi } from "@/lib/portal/proxy-client";
import type { UsageDto } from "@/lib/schemas/usage";
import { resolveRange, type UsageFilters, usageQuery } from "./usage-range";

export type UsageGroup = "none" | "route" | "key";

/**
 * One view of GET /v1/usage for the page's filters. The range is resolved when the query runs
 * (presets end "now"), so a refetch every minute moves the window along.
 */
export function useUsage(filters: UsageFilters, group: UsageGroup, enabled = true) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: [...scope, "usage", group, filters] as const,
    queryFn: ({ signal }) => {
      const range = resolveRange(filters);
      const query = usageQuery(range, filters, group === "none" ? {} : { group_by: group });
      return callApi<UsageDto>(`/v1/usage?${query}`, { signal });
    },
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
