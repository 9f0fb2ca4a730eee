"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { callApi } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import type { RateLimitsDto } from "@/lib/schemas/usage";

export const HISTORY_RANGES = [
  { id: "1h", label: "1 hour", hours: 1, granularity: "minute" },
  { id: "24h", label: "24 hours", hours: 24, granularity: "hour" },
  { id: "7d", label: "7 days", hours: 168, granularity: "hour" },
] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number]["id"];

/** Refreshes every few seconds: looking never spends the plan's window (the dashboard has its own). */
export const LIVE_REFRESH_MS = 3_000;

export function useRateLimits(history: HistoryRange) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: [...queryKeys.rateLimits(scope), history] as const,
    queryFn: ({ signal }) => {
      const range = HISTORY_RANGES.find((r) => r.id === history) ?? HISTORY_RANGES[1];
      const now = Date.now();
      const params = new URLSearchParams({
        from: new Date(now - range.hours * 3_600_000).toISOString(),
        to: new Date(now).toISOString(),
        granularity: range.granularity,
      });
      return callApi<RateLimitsDto>(`/v1/rate-limits?${params}`, { signal });
    },
    refetchInterval: LIVE_REFRESH_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}
