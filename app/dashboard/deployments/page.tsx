import type { Metadata } from "next";
import { DeploymentsView } from "@/components/deployments/deployments-view";
import { QuerySeed } from "@/components/providers/query-seed";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "Deployments" };

export default async function DeploymentsPage() {
  const context = await requireDashboardContext("/dashboard/deployments");
  const state = await prefetchState([
    {
      queryKey: queryKeys.deployments.list(scopeOf(context)),
      queryFn: () => serverApiGet(context, "/v1/deployments?limit=50"),
    },
  ]);
  return (
    <QuerySeed queries={state}>
      <DeploymentsView />
    </QuerySeed>
  );
}
