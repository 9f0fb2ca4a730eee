"use client";

import { RelativeTime } from "@/components/shell/relative-time";
import { Badge, type BadgeProps } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RotateCw } from "@/components/ui/icons/rotate-cw";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { messageOf } from "@/lib/portal/proxy-client";
import { useRetryDelivery, useWebhookDeliveries, type WebhookDelivery } from "./use-webhooks";

const STATUS_VARIANT: Record<WebhookDelivery["status"], BadgeProps["variant"]> = {
  pending: "info",
  succeeded: "success",
  failed: "destructive",
};

/** The last answer: its status and latency, or why there was none (timeout, refused...). */
function LastResponse({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.response_status !== null) {
    return (
      <span className="tabular-nums" title={delivery.response_body_excerpt ?? undefined}>
        {delivery.response_status}
        {delivery.response_latency_ms !== null ? (
          <span className="text-muted-foreground"> · {delivery.response_latency_ms} ms</span>
        ) : null}
      </span>
    );
  }
  if (delivery.error) return <span className="text-destructive">{delivery.error}</span>;
  return <span className="text-muted-foreground">None yet</span>;
}

/** Each event sent (or on its way) to the endpoint; refreshes itself while any is pending. */
export function DeliveriesTable({
  endpointId,
  canWrite,
}: {
  endpointId: string;
  canWrite: boolean;
}) {
  const deliveries = useWebhookDeliveries(endpointId);
  const retry = useRetryDelivery(endpointId);
  if (deliveries.isPending) {
    return (
      <div className="grid gap-2" role="status" aria-label="Loading deliveries">
        <Skeleton className="h-10" />
        <Skeleton className="h-10" />
      </div>
    );
  }
  if (deliveries.isError) {
    return (
      <InlineAlert title="Could not load the deliveries">{messageOf(deliveries.error)}</InlineAlert>
    );
  }
  const list = deliveries.data.data;
  if (list.length === 0) {
    return (
      <p className="text-muted-foreground text-sm">
        No deliveries yet. Events of the chosen types appear here as they are sent
        {canWrite ? "; send a test event to try the endpoint now." : "."}
      </p>
    );
  }
  return (
    <div className="rounded-lg border">
      <Table aria-label="Deliveries">
        <TableHeader>
          <TableRow>
            <TableHead>Event</TableHead>
            <TableHead>Status</TableHead>
            <TableHead className="text-right">Attempts</TableHead>
            <TableHead>Next attempt</TableHead>
            <TableHead>Last response</TableHead>
            <TableHead>Created</TableHead>
            {canWrite ? (
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            ) : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.map((delivery) => (
            <TableRow key={delivery.id} data-testid="delivery-row" data-delivery-id={delivery.id}>
              <TableCell className="font-mono text-[13px]">{delivery.event_type}</TableCell>
              <TableCell>
                <Badge variant={STATUS_VARIANT[delivery.status]} data-testid="delivery-status">
                  {delivery.status}
                </Badge>
              </TableCell>
              <TableCell className="text-right tabular-nums">{delivery.attempts}</TableCell>
              <TableCell className="whitespace-nowrap">
                <RelativeTime iso={delivery.next_attempt_at} />
              </TableCell>
              <TableCell className="max-w-56 truncate" data-testid="delivery-response">
                <LastResponse delivery={delivery} />
              </TableCell>
              <TableCell className="whitespace-nowrap">
                <RelativeTime iso={delivery.created_at} />
              </TableCell>
              {canWrite ? (
                <TableCell className="text-right">
                  {delivery.status !== "pending" ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      disabled={retry.isPending && retry.variables === delivery.id}
                      onClick={() => retry.mutate(delivery.id)}
                      aria-label={`Retry delivery ${delivery.id}`}
                    >
                      <RotateCw aria-hidden="true" />
                      Retry
                    </Button>
                  ) : null}
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {deliveries.data.meta.has_more ? (
        <p className="border-t px-4 py-2 text-muted-foreground text-xs">
          Showing the newest 50 of {deliveries.data.meta.total} deliveries.
        </p>
      ) : null}
    </div>
  );
}
