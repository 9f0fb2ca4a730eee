"use client";

import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { callApi } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import type { AuditLogDto, AuditLogListDto } from "@/lib/schemas/audit-logs";
import { type AuditFilters, auditEntryPath, auditListPath } from "./audit-filters";

const auditKey = (scope: ReturnType<typeof usePortalScopeKey>) =>
  [...queryKeys.scope(scope), "audit-logs"] as const;

/**
 * The entries under the page's filters, newest first, one cursor page after another ("Load
 * more" fetches the next). The log only grows at the top, so earlier pages never go stale.
 */
export function useAuditLogs(filters: AuditFilters, enabled: boolean) {
  const scope = usePortalScopeKey();
  return useInfiniteQuery({
    queryKey: [...auditKey(scope), "list", auditListPath(filters)],
    queryFn: ({ pageParam, signal }) =>
      callApi<AuditLogListDto>(auditListPath(filters, pageParam || undefined), { signal }),
    initialPageParam: "",
    getNextPageParam: (last) => last.meta.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One entry by id, for a drawer opened from a link whose entry is not among the loaded rows. */
export function useAuditEntry(id: string | undefined, enabled: boolean) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: [...auditKey(scope), "entry", id ?? ""],
    queryFn: ({ signal }) => callApi<AuditLogDto>(auditEntryPath(id ?? ""), { signal }),
    enabled: enabled && Boolean(id),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
