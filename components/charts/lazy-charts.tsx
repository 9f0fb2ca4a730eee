"use client";

import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";

/** recharts, loaded after the page is interactive (never part of its first-load JavaScript). */
export const TimeSeriesChart = lazyClient(
  () => import("./recharts-charts").then((m) => m.TimeSeriesChart),
  { fallback: () => <Skeleton className="h-full w-full" /> },
);
