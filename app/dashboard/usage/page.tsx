import type { Metadata } from "next";
import { Suspense } from "react";
import { UsageView } from "@/components/usage/usage-view";
import { requireDashboardContext } from "@/lib/portal/request-context";

export const metadata: Metadata = { title: "Usage" };

export default async function UsagePage() {
  await requireDashboardContext("/dashboard/usage");
  // The view reads its filters from the URL (useSearchParams), so it renders on the client.
  return (
    <Suspense>
      <UsageView />
    </Suspense>
  );
}
