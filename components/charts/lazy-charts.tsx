"use client";

import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

/** recharts, loaded after the page is interactive (never part of its first-load JavaScript). */
export const TimeSeriesChart = dynamic(
  () => import("./recharts-charts").then((m) => m.TimeSeriesChart),
  { ssr: false, loading: () => <Skeleton className="h-full w-full" /> },
);
