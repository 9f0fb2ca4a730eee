import type { Metadata } from "next";
import { QuerySeed } from "@/components/providers/query-seed";
import { filtersFromRecord, resourceListPath } from "@/components/resources/resource-filters";
import { ResourcesView } from "@/components/resources/resources-view";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "Resources" };

export default async function ResourcesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await requireDashboardContext("/dashboard/resources");
  const filters = filtersFromRecord(await searchParams);
  const scope = scopeOf(context);
  const state = await prefetchState([
    {
      queryKey: queryKeys.resources.list(scope, filters),
      queryFn: () => serverApiGet(context, resourceListPath(filters)),
    },
    { queryKey: queryKeys.regions(scope), queryFn: () => serverApiGet(context, "/v1/regions") },
  ]);
  return (
    <QuerySeed queries={state}>
      <ResourcesView />
    </QuerySeed>
  );
}
