"use client";

import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useEffect, useState } from "react";
import type { SeededQuery } from "@/lib/portal/seeded-query";

/**
 * Puts what the page's server component fetched into the query cache, so the first paint has
 * data. HydrationBoundary does the same for any dehydrated state but costs ~1 kB gzip on every
 * page that prefetches; these seeds are plain JSON from successful GETs. Like it, queries new to
 * the cache are seeded before the children render, and older cached ones after (an update of a
 * mounted query must not happen while another component renders).
 */
export function QuerySeed({ queries, children }: { queries: SeededQuery[]; children: ReactNode }) {
  const client = useQueryClient();
  const [late] = useState(() => {
    const later: SeededQuery[] = [];
    for (const query of queries) {
      const cached = client.getQueryState(query.queryKey);
      if (!cached || cached.data === undefined) {
        client.setQueryData(query.queryKey, query.data, { updatedAt: query.updatedAt });
      } else if (cached.dataUpdatedAt < query.updatedAt) {
        later.push(query);
      }
    }
    return later;
  });
  useEffect(() => {
    for (const query of late) {
      const cached = client.getQueryState(query.queryKey);
      if (!cached || cached.dataUpdatedAt < query.updatedAt) {
        client.setQueryData(query.queryKey, query.data, { updatedAt: query.updatedAt });
      }
    }
  }, [client, late]);
  return children;
}
