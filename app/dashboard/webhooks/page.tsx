import type { Metadata } from "next";
import { QuerySeed } from "@/components/providers/query-seed";
import { WebhooksView } from "@/components/webhooks/webhooks-view";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const context = await requireDashboardContext("/dashboard/webhooks");
  // Listed endpoints carry only a secret hint (never the secret), so they may be server-rendered.
  const state = await prefetchState([
    {
      queryKey: queryKeys.webhooks.list(scopeOf(context)),
      queryFn: () => serverApiGet(context, "/v1/webhook-endpoints?per_page=100"),
    },
  ]);
  return (
    <QuerySeed queries={state}>
      <WebhooksView />
    </QuerySeed>
  );
}
