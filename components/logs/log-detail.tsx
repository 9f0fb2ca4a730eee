"use client";

import type { ReactNode } from "react";
import { AppLink } from "@/components/ui/app-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { X } from "@/components/ui/icons/x";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import type { RequestLogDetailDto } from "@/lib/schemas/request-logs";
import { curlCommand } from "./curl-command";
import { StatusBadge } from "./status-badge";
import { useRequestLog } from "./use-request-logs";

/** Where the portal shows an object, by its id's prefix; null when it has no page. */
function objectHref(id: string): string | null {
  if (id.startsWith("res_")) return `/dashboard/resources/${id}`;
  if (id.startsWith("we_")) return `/dashboard/webhooks/${id}`;
  if (id.startsWith("key_")) return "/dashboard/settings/api-keys";
  return null;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1 text-sm">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-all">{children}</dd>
    </div>
  );
}

const mono = "font-mono text-[13px]";

function Trace({ entry }: { entry: RequestLogDetailDto }) {
  const { events, deliveries } = entry.trace;
  if (events.length === 0)
    return <p className="text-muted-foreground text-sm">This request emitted no events.</p>;
  return (
    <ol className="grid gap-3" data-testid="log-trace">
      {events.map((event) => {
        const href = event.object_id ? objectHref(event.object_id) : null;
        const caused = deliveries.filter((d) => d.event_id === event.id);
        return (
          <li key={event.id} className="rounded-md border p-3" data-testid="trace-event">
            <div className="flex flex-wrap items-center gap-2">
              <Badge variant="outline" className={mono}>
                {event.type}
              </Badge>
              <code className={`${mono} text-muted-foreground`}>{event.id}</code>
            </div>
            {event.object_id ? (
              <p className="mt-1 text-sm">
                Object:{" "}
                {href ? (
                  <AppLink href={href} className={`${mono} underline underline-offset-4`}>
                    {event.object_id}
                  </AppLink>
                ) : (
                  <code className={mono}>{event.object_id}</code>
                )}
              </p>
            ) : null}
            {caused.length === 0 ? (
              <p className="mt-1 text-muted-foreground text-sm">No webhook deliveries.</p>
            ) : (
              <ul className="mt-2 grid gap-1">
                {caused.map((delivery) => (
                  <li
                    key={delivery.id}
                    className="flex flex-wrap items-center gap-2 text-sm"
                    data-testid="trace-delivery"
                  >
                    <Badge
                      variant={
                        delivery.status === "succeeded"
                          ? "success"
                          : delivery.status === "failed"
                            ? "destructive"
                            : "secondary"
                      }
                    >
                      {delivery.status}
                    </Badge>
                    <AppLink
                      href={`/dashboard/webhooks/${delivery.endpoint_id}`}
                      className={`${mono} underline underline-offset-4`}
                    >
                      {delivery.id}
                    </AppLink>
                    <span className="text-muted-foreground">
                      {delivery.attempts} attempt{delivery.attempts === 1 ? "" : "s"}
                      {delivery.response_status ? `, answered ${delivery.response_status}` : ""}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The pane beside the table: one request, its trace, and "copy as curl". */
export function LogDetail({ requestId, onClose }: { requestId: string; onClose: () => void }) {
  const detail = useRequestLog(requestId);
  const entry = detail.data;
  return (
    <aside
      className="rounded-lg border p-4 lg:sticky lg:top-4 lg:self-start"
      aria-label="Request details"
      data-testid="log-detail"
    >
      <div className="mb-3 flex items-start justify-between gap-2">
        <h2 className="break-all font-semibold text-sm">
          <code className={mono}>{requestId}</code>
        </h2>
        <Button variant="ghost" size="icon-sm" onClick={onClose} aria-label="Close details">
          <X aria-hidden="true" />
        </Button>
      </div>
      {detail.isPending ? (
        <div className="grid gap-2" role="status" aria-label="Loading the request">
          <Skeleton className="h-6" />
          <Skeleton className="h-24" />
        </div>
      ) : detail.isError ? (
        <InlineAlert title="Could not load this request">{messageOf(detail.error)}</InlineAlert>
      ) : entry ? (
        <>
          <dl className="mb-4">
            <Field label="Request">
              <span className={mono}>
                {entry.method} {entry.path}
              </span>
            </Field>
            <Field label="Status">
              <StatusBadge status={entry.status} />
            </Field>
            <Field label="Time">{formatDateTime(entry.created_at)}</Field>
            <Field label="Duration">{entry.duration_ms.toFixed(1)} ms</Field>
            <Field label="Endpoint">
              <span className={mono}>{entry.route}</span>
            </Field>
            <Field label="Caller">
              {entry.api_key ? (
                <AppLink
                  href="/dashboard/settings/api-keys"
                  className={`${mono} underline underline-offset-4`}
                  data-testid="log-key-link"
                >
                  {entry.api_key.id}
                </AppLink>
              ) : entry.member ? (
                <span>{entry.member.email} (dashboard)</span>
              ) : (
                "–"
              )}
            </Field>
            <Field label="Client">
              {entry.ip ?? "–"}
              {entry.user_agent ? (
                <span className="block text-muted-foreground">{entry.user_agent}</span>
              ) : null}
            </Field>
            {entry.idempotency_key ? (
              <Field label="Idempotency key">
                <span className={mono}>{entry.idempotency_key}</span>
                {entry.idempotent_replayed ? (
                  <Badge variant="info" className="ml-2">
                    replayed
                  </Badge>
                ) : null}
              </Field>
            ) : null}
            {entry.error ? (
              <Field label="Error">
                <code className={mono}>{entry.error.code}</code>
                {entry.error.detail ? (
                  <span className="block text-muted-foreground">{entry.error.detail}</span>
                ) : null}
              </Field>
            ) : null}
          </dl>
          <div className="mb-4 flex flex-wrap items-center gap-2">
            <CopyButton
              value={curlCommand(entry, window.location.origin)}
              label="Copy as curl"
              data-testid="copy-curl"
            />
            <span className="text-muted-foreground text-xs">
              The key is $CLOUD_API_KEY; bodies are not logged.
            </span>
          </div>
          <h3 className="mb-2 font-semibold text-sm">Trace</h3>
          <Trace entry={entry} />
        </>
      ) : null}
    </aside>
  );
}
