"use client";

import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { formatDateTime } from "@/lib/portal/format";
import type { EventDto } from "@/lib/schemas/events";
import { objectHref, requestLogHref } from "./event-filters";

/**
 * One event in full, in a drawer on the right: the JSON as the API sends it and links to the
 * object and to the request's log line. A modal dialog: focus stays inside, Escape closes it,
 * and focus goes back to the row that opened it (`onCloseAutoFocus` of the caller).
 */
export function EventDrawer({
  event,
  onClose,
  onCloseAutoFocus,
}: {
  event: EventDto | null;
  onClose: () => void;
  onCloseAutoFocus?: (e: Event) => void;
}) {
  const json = event ? JSON.stringify(event, null, 2) : "";
  const object = event ? objectHref(event.object_id) : null;
  const log = event ? requestLogHref(event.request_id) : null;
  return (
    <Dialog open={event !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      {event ? (
        <DialogContent
          data-testid="event-drawer"
          onCloseAutoFocus={onCloseAutoFocus}
          className="top-0 right-0 left-auto h-dvh max-h-dvh w-[min(40rem,100vw)] max-w-none translate-x-0 translate-y-0 content-start rounded-none border-y-0 border-r-0 data-[state=open]:animate-fade-in"
        >
          <DialogHeader>
            <DialogTitle className="font-mono">{event.type}</DialogTitle>
            <DialogDescription className="[overflow-wrap:anywhere]">
              <code className="font-mono">{event.id}</code> · seq {event.seq} ·{" "}
              {formatDateTime(event.created_at)}
            </DialogDescription>
          </DialogHeader>
          <div className="flex flex-wrap gap-2">
            {object ? (
              <Button asChild size="sm" variant="outline">
                <AppLink href={object}>Open {event.object?.type ?? "object"}</AppLink>
              </Button>
            ) : null}
            {log ? (
              <Button asChild size="sm" variant="outline">
                <AppLink href={log}>View request log</AppLink>
              </Button>
            ) : null}
            <CopyButton value={json} label="Copy JSON" />
          </div>
          <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
            <dt className="text-muted-foreground">Object</dt>
            <dd className="font-mono text-[13px] [overflow-wrap:anywhere]">
              {event.object_id ?? "none"}
            </dd>
            <dt className="text-muted-foreground">Actor</dt>
            <dd className="font-mono text-[13px] [overflow-wrap:anywhere]">
              {event.actor.type}
              {event.actor.id ? ` ${event.actor.id}` : ""}
            </dd>
            <dt className="text-muted-foreground">Request</dt>
            <dd className="font-mono text-[13px] [overflow-wrap:anywhere]">
              {event.request_id ?? "none (a background job)"}
            </dd>
          </dl>
          <section
            aria-label="Event JSON"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard
            tabIndex={0}
            className="min-h-0 overflow-auto rounded-md border bg-muted focus-visible:outline-2 focus-visible:outline-ring"
          >
            <pre data-testid="event-json" className="p-3 font-mono text-[12px] leading-5">
              {json}
            </pre>
          </section>
        </DialogContent>
      ) : null}
    </Dialog>
  );
}
