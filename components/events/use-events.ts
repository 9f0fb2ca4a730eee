"use client";

import { type QueryKey, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { usePortalScopeKey } from "@/components/shell/portal-context-provider";
import { callApi } from "@/lib/portal/proxy-client";
import { type EventFilters, queryKeys } from "@/lib/portal/query-keys";
import type { EventDto, EventListDto, EventTypeListDto } from "@/lib/schemas/events";
import { EVENT_TYPES_PATH, eventHistoryPath, eventStreamUrl } from "./event-filters";
import type { LiveStatus } from "./live-stream";

/**
 * The stream client and its cache updates load when a stream first opens, not with the page:
 * they are outside the first-load JavaScript of every page that follows events (the resource
 * page was over its budget with them).
 */
const loadLive = () => Promise.all([import("./live-stream"), import("./live-cache")]);

export function useEventTypes() {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.eventTypes(scope),
    queryFn: ({ signal }) => callApi<EventTypeListDto>(EVENT_TYPES_PATH, { signal }),
    staleTime: 10 * 60_000,
  });
}

/** The newest events under the page's filters (no polling: the stream brings what follows). */
export function useEventHistory(filters: EventFilters) {
  const scope = usePortalScopeKey();
  return useQuery({
    queryKey: queryKeys.events.list(scope, filters),
    queryFn: ({ signal }) => callApi<EventListDto>(eventHistoryPath(filters), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export type LiveState = LiveStatus | "off";

/**
 * Follows the event stream (through the portal proxy) while mounted and `enabled`; every event
 * updates the cache (applyLiveEvent) and goes to `onEvent`. `resumeFrom` names the cached list
 * (newest first) already on screen: when the stream opens it replays what came after that
 * list's newest event, so nothing between the page's read and the stream's start is missed.
 * Reopens when the filters or the scope change.
 */
export function useLiveEvents({
  filters = {},
  resumeFrom,
  enabled = true,
  onEvent,
}: {
  filters?: EventFilters;
  resumeFrom?: QueryKey;
  enabled?: boolean;
  onEvent?: (event: EventDto) => void;
}): LiveState {
  const scope = usePortalScopeKey();
  const client = useQueryClient();
  const types = useEventTypes();
  const [status, setStatus] = useState<LiveState>("off");
  const resumeRef = useRef(resumeFrom);
  resumeRef.current = resumeFrom;
  const onEventRef = useRef(onEvent);
  onEventRef.current = onEvent;

  const typeNames = types.data?.data.map((t) => t.type).join(",") ?? "";
  const scopeKey = scope.join("/");
  const { type, object_id } = filters;
  useEffect(() => {
    if (!enabled || !typeNames) {
      setStatus("off");
      return;
    }
    const [organizationId, projectId, environment] = scopeKey.split("/") as [
      string,
      string,
      "live" | "test",
    ];
    let stream: { close(): void } | null = null;
    let closed = false;
    setStatus("connecting");
    void loadLive().then(([{ openLiveStream }, { applyLiveEvent }]) => {
      if (closed) return;
      const shown = resumeRef.current
        ? client.getQueryData<EventListDto>(resumeRef.current)
        : undefined;
      stream = openLiveStream({
        url: (from) => eventStreamUrl({ type, object_id }, from),
        after: shown?.data[0]?.id,
        types: typeNames.split(","),
        onEvent: (event) => {
          applyLiveEvent(client, [organizationId, projectId, environment], event);
          onEventRef.current?.(event);
        },
        onStatus: setStatus,
      });
    });
    return () => {
      closed = true;
      stream?.close();
    };
  }, [enabled, typeNames, scopeKey, type, object_id, client]);

  return status;
}
