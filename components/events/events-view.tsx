"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { describeEventType } from "@/components/resources/event-timeline";
import { PageHeader } from "@/components/shell/page-header";
import { usePortalContext, usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterX } from "@/components/ui/icons/filter-x";
import { Play } from "@/components/ui/icons/play";
import { Radio } from "@/components/ui/icons/radio";
import { Square } from "@/components/ui/icons/square";
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
import { formatDateTime, formatRelative } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import { type EventFilters, queryKeys } from "@/lib/portal/query-keys";
import type { EventDto } from "@/lib/schemas/events";
import { cn } from "@/lib/utils";
import { DeferredEventDrawer as EventDrawer } from "./deferred-event-drawer";
import { EventFilterBar, updateEventUrl } from "./event-filter-bar";
import {
  eventFilterSearch,
  eventFiltersFromParams,
  objectHref,
  requestLogHref,
} from "./event-filters";
import { type LiveState, useEventHistory, useEventTypes, useLiveEvents } from "./use-events";

/** The most rows kept on screen; older ones fall off the bottom. */
const MAX_ROWS = 500;

function withoutRepeats(events: readonly EventDto[]): EventDto[] {
  const seen = new Set<string>();
  const out: EventDto[] = [];
  for (const event of events) {
    if (seen.has(event.id)) continue;
    seen.add(event.id);
    out.push(event);
    if (out.length >= MAX_ROWS) break;
  }
  return out;
}

const STATUS_TEXT: Record<LiveState, string> = {
  live: "Live",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  off: "Not live",
};

function LiveIndicator({ status, paused }: { status: LiveState; paused: boolean }) {
  const text = paused && status === "live" ? "Paused" : STATUS_TEXT[status];
  return (
    <span
      role="status"
      data-testid="live-status"
      data-state={paused ? "paused" : status}
      className="inline-flex items-center gap-2 text-muted-foreground text-sm"
    >
      <span
        aria-hidden="true"
        className={cn(
          "size-2 rounded-full",
          status === "live" && !paused
            ? "animate-pulse bg-success"
            : status === "live"
              ? "bg-warning"
              : "bg-muted-foreground/50",
        )}
      />
      {text}
    </span>
  );
}

function EventRow({ event, onOpen }: { event: EventDto; onOpen: (button: HTMLElement) => void }) {
  const object = objectHref(event.object_id);
  const log = requestLogHref(event.request_id);
  return (
    <TableRow data-testid="event-row" data-event-id={event.id} data-event-type={event.type}>
      <TableCell className="whitespace-nowrap text-muted-foreground">
        <time
          dateTime={event.created_at}
          title={formatDateTime(event.created_at)}
          suppressHydrationWarning
        >
          {formatRelative(event.created_at)}
        </time>
      </TableCell>
      <TableCell>
        <button
          type="button"
          onClick={(e) => onOpen(e.currentTarget)}
          className="rounded-sm text-left font-mono text-[13px] underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-ring"
          aria-label={`${event.type}: show details`}
        >
          {event.type}
        </button>
        <span className="block text-muted-foreground text-xs">{describeEventType(event.type)}</span>
      </TableCell>
      <TableCell className="font-mono text-[13px]">
        {object && event.object_id ? (
          <AppLink href={object} className="underline-offset-4 hover:underline">
            {event.object_id}
          </AppLink>
        ) : (
          (event.object_id ?? "—")
        )}
      </TableCell>
      <TableCell className="font-mono text-[13px]">
        {log && event.request_id ? (
          <AppLink href={log} className="underline-offset-4 hover:underline">
            {event.request_id}
          </AppLink>
        ) : (
          <span className="text-muted-foreground">job</span>
        )}
      </TableCell>
    </TableRow>
  );
}

/** The history under one set of filters, then the live tail on top (remounted when the filters change). */
function EventTail({ filters }: { filters: EventFilters }) {
  const history = useEventHistory(filters);
  const [live, setLive] = useState<EventDto[]>([]);
  const [buffered, setBuffered] = useState<EventDto[]>([]);
  const [paused, setPaused] = useState(false);
  const pausedRef = useRef(paused);
  pausedRef.current = paused;
  const [selected, setSelected] = useState<EventDto | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  const onEvent = useCallback((event: EventDto) => {
    if (pausedRef.current) setBuffered((b) => [event, ...b]);
    else setLive((l) => withoutRepeats([event, ...l]));
  }, []);
  const scope = usePortalScopeKey();
  const status = useLiveEvents({
    filters,
    resumeFrom: queryKeys.events.list(scope, filters),
    enabled: history.isSuccess,
    onEvent,
  });

  const resume = () => {
    setLive((l) => withoutRepeats([...buffered, ...l]));
    setBuffered([]);
    setPaused(false);
  };
  const rows = withoutRepeats([...live, ...(history.data?.data ?? [])]);
  const filtered = Boolean(filters.type || filters.object_id);
  const waiting = withoutRepeats(buffered).length;

  return (
    <>
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <LiveIndicator status={status} paused={paused} />
        <Button
          variant="outline"
          size="sm"
          aria-pressed={paused}
          onClick={paused ? resume : () => setPaused(true)}
          disabled={!history.isSuccess}
        >
          {paused ? <Play aria-hidden="true" /> : <Square aria-hidden="true" />}
          {paused ? "Resume" : "Pause"}
        </Button>
        {paused ? (
          <span
            className="text-muted-foreground text-sm"
            data-testid="buffered-count"
            aria-live="polite"
          >
            {waiting === 1 ? "1 new event waiting" : `${waiting} new events waiting`}
          </span>
        ) : null}
      </div>
      {status === "reconnecting" ? (
        <InlineAlert
          variant="warning"
          title="Connection lost"
          label="Connection lost"
          className="mb-3"
        >
          Reconnecting; events that happen meanwhile are caught up from the last one shown.
        </InlineAlert>
      ) : null}

      {history.isPending ? (
        <div className="grid gap-2" role="status" aria-label="Loading events">
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
          <Skeleton className="h-10" />
        </div>
      ) : history.isError ? (
        <InlineAlert title="Could not load events" label="Could not load events">
          {messageOf(history.error)}{" "}
          <button
            type="button"
            className="font-medium underline"
            onClick={() => void history.refetch()}
          >
            Try again
          </button>
        </InlineAlert>
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<Radio />}
          title={filtered ? "No events match these filters" : "No events yet"}
          description={
            filtered
              ? "New events that match appear here as they happen."
              : "Create a resource or an API key and its event appears here at once."
          }
          action={
            filtered ? (
              <Button variant="outline" onClick={() => updateEventUrl(null)}>
                <FilterX aria-hidden="true" />
                Clear filters
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Table aria-label="Events, newest first" data-testid="events-table">
          <TableHeader>
            <TableRow>
              <TableHead>Time</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>Object</TableHead>
              <TableHead>Request</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((event) => (
              <EventRow
                key={event.id}
                event={event}
                onOpen={(button) => {
                  opener.current = button;
                  setSelected(event);
                }}
              />
            ))}
          </TableBody>
        </Table>
      )}
      <EventDrawer
        event={selected}
        onClose={() => setSelected(null)}
        onCloseAutoFocus={(e) => {
          e.preventDefault();
          opener.current?.focus();
        }}
      />
    </>
  );
}

/** /dashboard/events: the project's events as they happen, filtered by type and object. */
export function EventsView() {
  const params = new URLSearchParams(useSearchParams()?.toString() ?? "");
  const filters = eventFiltersFromParams(params);
  const { environment } = usePortalContext();
  const types = useEventTypes();
  const ignored =
    (params.get("type") && !filters.type) || (params.get("object_id") && !filters.object_id);
  return (
    <>
      <PageHeader
        title="Events"
        description={`Everything that changes in ${environment === "test" ? "Sandbox" : "Live"}, as it happens.`}
      />
      <EventFilterBar filters={filters} types={(types.data?.data ?? []).map((t) => t.type)} />
      {ignored ? (
        <InlineAlert variant="warning" title="Part of the address was ignored" className="mb-3">
          Types look like resource.created or resource.*, object IDs like res_7Hq2Lm.
        </InlineAlert>
      ) : null}
      {types.isError ? (
        <InlineAlert variant="warning" title="Live updates are unavailable" className="mb-3">
          {messageOf(types.error)}
        </InlineAlert>
      ) : null}
      <EventTail key={eventFilterSearch(filters)} filters={filters} />
    </>
  );
}
