import type { Metadata } from "next";
import { Suspense } from "react";
import { LogsView } from "@/components/logs/logs-view";
import { requireDashboardContext } from "@/lib/portal/request-context";

export const metadata: Metadata = { title: "Request logs" };

export default async function LogsPage() {
  await requireDashboardContext("/dashboard/logs");
  // Filters and the open request live in the URL (useSearchParams): the view renders on the client.
  return (
    <Suspense>
      <LogsView />
    </Suspense>
  );
}
