import type { Metadata } from "next";
import { QuerySeed } from "@/components/providers/query-seed";
import { ResourceDetailView } from "@/components/resources/resource-detail-view";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "Resource" };

const RESOURCE_ID = /^res_[A-Za-z0-9]{1,64}$/;

export default async function ResourcePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const context = await requireDashboardContext(`/dashboard/resources/${encodeURIComponent(id)}`);
  const scope = scopeOf(context);
  const state = RESOURCE_ID.test(id)
    ? await prefetchState([
        {
          queryKey: queryKeys.resources.detail(scope, id),
          queryFn: () => serverApiGet(context, `/v1/resources/${id}`),
        },
        {
          queryKey: queryKeys.events.forObject(scope, id),
          queryFn: () => serverApiGet(context, `/v1/events?object_id=${id}&limit=50`),
        },
      ])
    : [];
  return (
    <QuerySeed queries={state}>
      <ResourceDetailView id={id} />
    </QuerySeed>
  );
}
