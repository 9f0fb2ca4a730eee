import type { Metadata } from "next";
import { BillingView } from "@/components/billing/billing-view";
import { requireDashboardContext } from "@/lib/portal/request-context";

export const metadata: Metadata = { title: "Billing" };

export default async function BillingPage() {
  await requireDashboardContext("/dashboard/billing");
  return <BillingView />;
}
