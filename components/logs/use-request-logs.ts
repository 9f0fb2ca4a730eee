"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { callApi } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import type { RequestLogDetailDto, RequestLogListDto } from "@/lib/schemas/request-logs";
import { type LogFilters, requestLogsPath } from "./log-filters";

/** The first page follows new requests this often (the API shows a request within 2 s). */
export const LIVE_POLL_MS = 3_000;

export function useRequestLogs(filters: LogFilters, live: boolean) {
  const scope = usePortalScopeKey();
  const path = requestLogsPath(filters);
  return useQuery({
    queryKey: [...queryKeys.scope(scope), "request-logs", "list", path],
    queryFn: ({ signal }) => callApi<RequestLogListDto>(path, { signal }),
    placeholderData: keepPreviousData,
    // Only the newest page grows; an older page (a cursor) stays as it was.
    refetchInterval: live && !filters.cursor ? LIVE_POLL_MS : false,
  });
}

export function useRequestLog(requestId: string | undefined) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: [...queryKeys.scope(scope), "request-logs", "detail", requestId ?? ""],
    queryFn: ({ signal }) =>
      callApi<RequestLogDetailDto>(`/v1/request-logs/${requestId ?? ""}`, { signal }),
    enabled: Boolean(requestId),
    // Deliveries move on (pending -> succeeded) while the pane is open.
    refetchInterval: LIVE_POLL_MS,
  });
}
