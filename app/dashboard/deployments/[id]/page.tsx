import type { Metadata } from "next";
import { DeploymentDetailView } from "@/components/deployments/deployment-detail-view";
import { QuerySeed } from "@/components/providers/query-seed";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "Deployment" };

// Only a well-formed id is put into an API path on the server; anything else is the client's 404.
const DEPLOYMENT_ID = /^dep_[A-Za-z0-9]{1,64}$/;

export default async function DeploymentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const context = await requireDashboardContext(`/dashboard/deployments/${encodeURIComponent(id)}`);
  const state = DEPLOYMENT_ID.test(id)
    ? await prefetchState([
        {
          queryKey: queryKeys.deployments.detail(scopeOf(context), id),
          queryFn: () => serverApiGet(context, `/v1/deployments/${id}`),
        },
      ])
    : [];
  return (
    <QuerySeed queries={state}>
      <DeploymentDetailView id={id} />
    </QuerySeed>
  );
}
