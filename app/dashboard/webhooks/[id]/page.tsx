import type { Metadata } from "next";
import { QuerySeed } from "@/components/providers/query-seed";
import { WebhookDetailView } from "@/components/webhooks/webhook-detail-view";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "Webhook endpoint" };

// Only a well-formed id is put into an API path on the server; anything else is the client's 404.
const ENDPOINT_ID = /^we_[A-Za-z0-9]{1,64}$/;

export default async function WebhookEndpointPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const context = await requireDashboardContext(`/dashboard/webhooks/${encodeURIComponent(id)}`);
  const scope = scopeOf(context);
  const state = ENDPOINT_ID.test(id)
    ? await prefetchState([
        {
          queryKey: queryKeys.webhooks.detail(scope, id),
          queryFn: () => serverApiGet(context, `/v1/webhook-endpoints/${id}`),
        },
        {
          queryKey: queryKeys.webhooks.deliveries(scope, id),
          queryFn: () =>
            serverApiGet(context, `/v1/webhook-endpoints/${id}/deliveries?per_page=50`),
        },
      ])
    : [];
  return (
    <QuerySeed queries={state}>
      <WebhookDetailView id={id} />
    </QuerySeed>
  );
}
