"use client";

import { useState } from "react";
import { BackLink, DetailFallback, Fact } from "@/components/shell/detail-page";
import { useCan } from "@/components/shell/portal-context-provider";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { InlineAlert } from "@/components/ui/inline-alert";
import { lazyClient } from "@/components/ui/lazy-client";
import { formatDateTime } from "@/lib/portal/format";
import { DeliveriesTable } from "./deliveries-table";
import { EndpointControls } from "./endpoint-controls";
import { anyPending, useWebhookDeliveries, useWebhookEndpoint } from "./use-webhooks";
import type { RevealedWebhookSecret } from "./webhook-secret-dialog";
import { WebhookStatus } from "./webhook-status";

const WebhookSecretDialog = lazyClient(() =>
  import("./webhook-secret-dialog").then((m) => m.WebhookSecretDialog),
);

const when = (iso: string | null) => (iso ? formatDateTime(iso) : "Never");

/** /dashboard/webhooks/[id]: one endpoint, its controls and its deliveries. */
export function WebhookDetailView({ id }: { id: string }) {
  const canWrite = useCan("webhooks:write");
  // Shares the table's query: while a delivery is pending, the endpoint's counters move too.
  const deliveries = useWebhookDeliveries(id);
  const query = useWebhookEndpoint(id, anyPending(deliveries.data?.data));
  const endpoint = query.data;
  const [revealed, setRevealed] = useState<RevealedWebhookSecret | null>(null);

  const back = <BackLink href="/dashboard/webhooks">Webhooks</BackLink>;

  if (query.isPending || query.isError || !endpoint) {
    return (
      <DetailFallback
        query={query}
        back={back}
        heading="Webhook endpoint"
        loadingLabel="Loading endpoint"
        notFoundTitle="Endpoint not found"
        notFoundDescription={`There is no webhook endpoint ${id} in this project and environment. It may have been deleted.`}
        list={{ href: "/dashboard/webhooks", label: "All endpoints" }}
        errorTitle="Could not load the endpoint"
      />
    );
  }

  return (
    <>
      {back}
      <div className="mb-6 grid gap-1.5">
        <h1 className="break-all font-mono font-semibold text-lg tracking-tight">{endpoint.url}</h1>
        <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
          <WebhookStatus endpoint={endpoint} />
          {endpoint.description ? <span>{endpoint.description}</span> : null}
        </div>
      </div>

      {endpoint.status === "disabled" && endpoint.disabled_reason === "consecutive_failures" ? (
        <InlineAlert
          variant="warning"
          title="Disabled after repeated failures"
          label="Endpoint disabled"
          className="mb-4"
        >
          A delivery failed its first attempt and all five retries, so nothing is sent until the
          endpoint is enabled again. Fix the receiver, then re-enable it and retry failed
          deliveries.
        </InlineAlert>
      ) : null}

      <div className="grid gap-4">
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-5">
            <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              <Fact label="ID">
                <code className="font-mono text-[13px]">{endpoint.id}</code>
                <CopyButton value={endpoint.id} size="icon-sm" variant="ghost" label="Copy ID" />
              </Fact>
              <Fact label="Status">
                <WebhookStatus endpoint={endpoint} />
              </Fact>
              <Fact label="Environment">
                {endpoint.environment === "test" ? "Sandbox" : "Live"}
              </Fact>
              <Fact label="Events">
                <span className="break-all font-mono text-[13px]">
                  {endpoint.enabled_events.join(", ")}
                </span>
              </Fact>
              <Fact label="Signing secret">
                <code className="font-mono text-[13px]">{endpoint.secret_hint}</code>
              </Fact>
              <Fact label="Consecutive failures">
                <span data-testid="webhook-failures">{endpoint.consecutive_failures}</span>
              </Fact>
              <Fact label="Last success">{when(endpoint.last_success_at)}</Fact>
              <Fact label="Last failure">{when(endpoint.last_failure_at)}</Fact>
              <Fact label="Created">{formatDateTime(endpoint.created_at)}</Fact>
            </dl>
            {canWrite ? <EndpointControls endpoint={endpoint} onSecret={setRevealed} /> : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Deliveries</CardTitle>
          </CardHeader>
          <CardContent>
            <DeliveriesTable endpointId={endpoint.id} canWrite={canWrite} />
          </CardContent>
        </Card>
      </div>

      {revealed ? (
        <WebhookSecretDialog revealed={revealed} onClose={() => setRevealed(null)} />
      ) : null}
    </>
  );
}
