import type { Metadata } from "next";
import { CreateDeploymentView } from "@/components/deployments/create-deployment-view";
import { requireDashboardContext } from "@/lib/portal/request-context";

export const metadata: Metadata = { title: "New deployment" };

export default async function NewDeploymentPage() {
  await requireDashboardContext("/dashboard/deployments/new");
  return <CreateDeploymentView />;
}
