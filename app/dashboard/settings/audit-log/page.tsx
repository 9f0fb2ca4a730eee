import type { Metadata } from "next";
import { Suspense } from "react";
import { AuditLogView } from "@/components/audit/audit-log-view";
import { requireDashboardContext } from "@/lib/portal/request-context";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  await requireDashboardContext("/dashboard/settings/audit-log");
  // The filters and the open entry live in the URL (useSearchParams); the view checks the role.
  return (
    <Suspense>
      <AuditLogView />
    </Suspense>
  );
}
