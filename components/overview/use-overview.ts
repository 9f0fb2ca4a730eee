"use client";

import { useQuery } from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { callApi } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import type { EventListDto } from "@/lib/schemas/events";
import type { RateLimitsDto } from "@/lib/schemas/usage";
import { loadResourceCounts, RATE_LIMITS_PATH, RECENT_EVENTS_PATH } from "./resource-counts";

const OVERVIEW_REFRESH_MS = 15_000;

/** `live`: the event stream is open and keeps these current, so they need not poll fast. */
export function useResourceCounts(live: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.resources.counts(scope),
    queryFn: ({ signal }) => loadResourceCounts((path) => callApi(path, { signal })),
    refetchInterval: (query) =>
      !live && (query.state.data?.byStatus.provisioning ?? 0) > 0 ? 2_000 : OVERVIEW_REFRESH_MS,
  });
}

export function useRecentEvents(live: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.events.recent(scope),
    queryFn: ({ signal }) => callApi<EventListDto>(RECENT_EVENTS_PATH, { signal }),
    refetchInterval: live ? false : OVERVIEW_REFRESH_MS,
  });
}

/** This minute's use of the plan's (or the sandbox's) limit, refreshed as the minute runs. */
export function useRateLimits() {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.rateLimits(scope),
    queryFn: ({ signal }) => callApi<RateLimitsDto>(RATE_LIMITS_PATH, { signal }),
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
}
