"use client";

import { useState } from "react";
import { PageHeader } from "@/components/shell/page-header";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Plus } from "@/components/ui/icons/plus";
import { Webhook } from "@/components/ui/icons/webhook";
import { InlineAlert } from "@/components/ui/inline-alert";
import { lazyClient } from "@/components/ui/lazy-client";
import { Skeleton } from "@/components/ui/skeleton";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { formatDateTime, formatRelative } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import { useWebhookEndpoints, type WebhookEndpoint } from "./use-webhooks";
import type { RevealedWebhookSecret } from "./webhook-secret-dialog";
import { WebhookStatus } from "./webhook-status";

// The form (with zod's event choices) and the reveal panel load on first use, not with the page.
const loadCreate = () => import("./create-endpoint-dialog");
const CreateEndpointDialog = lazyClient(() => loadCreate().then((m) => m.CreateEndpointDialog));
const WebhookSecretDialog = lazyClient(() =>
  import("./webhook-secret-dialog").then((m) => m.WebhookSecretDialog),
);

function EndpointRow({ endpoint }: { endpoint: WebhookEndpoint }) {
  return (
    <TableRow data-testid="webhook-row" data-endpoint-id={endpoint.id}>
      <TableCell className="max-w-72">
        <AppLink
          href={`/dashboard/webhooks/${endpoint.id}`}
          className="block truncate font-medium font-mono text-[13px] underline-offset-4 hover:underline"
          title={endpoint.url}
        >
          {endpoint.url}
        </AppLink>
      </TableCell>
      <TableCell className="max-w-48">
        <span className="block truncate" title={endpoint.description}>
          {endpoint.description || <span className="text-muted-foreground">None</span>}
        </span>
      </TableCell>
      <TableCell className="max-w-48">
        <span
          className="block truncate font-mono text-xs"
          title={endpoint.enabled_events.join(", ")}
        >
          {endpoint.enabled_events.includes("*")
            ? "All events"
            : endpoint.enabled_events.join(", ")}
        </span>
      </TableCell>
      <TableCell>
        <WebhookStatus endpoint={endpoint} />
      </TableCell>
      <TableCell className="text-right tabular-nums">{endpoint.consecutive_failures}</TableCell>
      <TableCell className="whitespace-nowrap">
        <time
          dateTime={endpoint.created_at}
          title={formatDateTime(endpoint.created_at)}
          suppressHydrationWarning
        >
          {formatRelative(endpoint.created_at)}
        </time>
      </TableCell>
    </TableRow>
  );
}

/** /dashboard/webhooks: the endpoints of the current project and environment. */
export function WebhooksView() {
  const { environment, project } = usePortalContext();
  const canWrite = useCan("webhooks:write");
  const endpoints = useWebhookEndpoints();
  const [creating, setCreating] = useState(false);
  const [revealed, setRevealed] = useState<RevealedWebhookSecret | null>(null);
  const sandbox = environment === "test";
  const list = endpoints.data?.data ?? [];

  const addButton = canWrite ? (
    <Button onPointerEnter={() => void loadCreate()} onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" />
      Add endpoint
    </Button>
  ) : null;

  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            Endpoints that receive {project.name}’s {sandbox ? "Sandbox" : "Live"} events as signed
            HTTPS POSTs.{" "}
            <a href="/docs/webhooks" className="underline underline-offset-4">
              Webhooks guide
            </a>
          </>
        }
        actions={list.length > 0 ? addButton : null}
      />
      {endpoints.isPending ? (
        <div className="grid gap-2" role="status" aria-label="Loading endpoints">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : endpoints.isError ? (
        <InlineAlert title="Could not load the endpoints">{messageOf(endpoints.error)}</InlineAlert>
      ) : list.length === 0 ? (
        <EmptyState
          icon={<Webhook />}
          title={`No ${sandbox ? "sandbox" : "live"} webhook endpoints yet`}
          description={
            canWrite
              ? "Add the URL of a service that should hear about changes (a resource becoming active, a key rotated...). You will get a signing secret to verify each delivery."
              : "Your role can see endpoints but not add them. Ask an owner, admin or developer."
          }
          action={addButton}
        />
      ) : (
        <div className="rounded-lg border">
          <Table aria-label="Webhook endpoints">
            <TableHeader>
              <TableRow>
                <TableHead>URL</TableHead>
                <TableHead>Description</TableHead>
                <TableHead>Events</TableHead>
                <TableHead>Status</TableHead>
                <TableHead className="text-right">Failures</TableHead>
                <TableHead>Created</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.map((endpoint) => (
                <EndpointRow key={endpoint.id} endpoint={endpoint} />
              ))}
            </TableBody>
          </Table>
          {endpoints.data?.meta.has_more ? (
            <p className="border-t px-4 py-2 text-muted-foreground text-xs">
              Showing the newest 100 of {endpoints.data.meta.total} endpoints.
            </p>
          ) : null}
        </div>
      )}

      {creating ? (
        <CreateEndpointDialog
          onOpenChange={setCreating}
          onCreated={(secret) => {
            setCreating(false);
            setRevealed(secret);
          }}
        />
      ) : null}
      {revealed ? (
        <WebhookSecretDialog revealed={revealed} onClose={() => setRevealed(null)} />
      ) : null}
    </>
  );
}
