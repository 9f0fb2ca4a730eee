import type { Metadata } from "next";
import { RateLimitsView } from "@/components/rate-limits/rate-limits-view";
import { requireDashboardContext } from "@/lib/portal/request-context";

export const metadata: Metadata = { title: "Rate limits" };

export default async function RateLimitsPage() {
  await requireDashboardContext("/dashboard/rate-limits");
  return <RateLimitsView />;
}
