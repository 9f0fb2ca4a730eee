import type { Metadata } from "next";
import { ApiKeysView } from "@/components/keys/api-keys-view";
import { QuerySeed } from "@/components/providers/query-seed";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const context = await requireDashboardContext("/dashboard/settings/api-keys");
  // Listed keys carry no secret (only prefix and last four), so they may be server-rendered.
  const state = await prefetchState([
    {
      queryKey: queryKeys.apiKeys.list(scopeOf(context)),
      queryFn: () => serverApiGet(context, "/v1/api-keys?per_page=100"),
    },
  ]);
  return (
    <QuerySeed queries={state}>
      <ApiKeysView />
    </QuerySeed>
  );
}
