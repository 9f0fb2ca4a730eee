import type { QueryClient } from "@tanstack/react-query";
import { type PortalScope, queryKeys } from "@/lib/portal/query-keys";
import type { EventDto } from "@/lib/schemas/events";
import type { ResourceDto } from "@/lib/schemas/resources";

// What a live event changes in the react-query cache, so the screens that show it follow the
// stream instead of polling: the overview's recent events, a resource's timeline and the
// resource itself (a provisioning one turns active the moment resource.active arrives).

interface EventPage {
  data: EventDto[];
  meta: { total: number } & Record<string, unknown>;
}

/** How many events the overview's "Recent events" card holds. */
export const RECENT_EVENTS_SHOWN = 8;

function prepend(page: EventPage | undefined, event: EventDto, max?: number) {
  if (!page || page.data.some((e) => e.id === event.id)) return page;
  const data = [event, ...page.data];
  return {
    ...page,
    data: max === undefined ? data : data.slice(0, max),
    meta: { ...page.meta, total: page.meta.total + 1 },
  };
}

function isResource(value: unknown, id: string): value is ResourceDto {
  if (typeof value !== "object" || value === null) return false;
  const r = value as Partial<ResourceDto>;
  return r.id === id && typeof r.status === "string" && typeof r.updated_at === "string";
}

export function applyLiveEvent(client: QueryClient, scope: PortalScope, event: EventDto): void {
  client.setQueryData<EventPage>(queryKeys.events.recent(scope), (page) =>
    prepend(page, event, RECENT_EVENTS_SHOWN),
  );
  const id = event.object_id;
  if (!id) return;
  client.setQueryData<EventPage>(queryKeys.events.forObject(scope, id), (page) =>
    prepend(page, event),
  );
  if (!id.startsWith("res_")) return;

  const detailKey = queryKeys.resources.detail(scope, id);
  if (event.type === "resource.deleted") {
    void client.invalidateQueries({ queryKey: detailKey });
  } else if (isResource(event.data, id)) {
    const after = event.data;
    // An event replayed after a newer read must not take the screen back in time.
    client.setQueryData<ResourceDto>(detailKey, (current) =>
      current && current.updated_at > after.updated_at ? current : after,
    );
  }
  // Lists and counts are recomputed by the API; the detail was just set from the event itself.
  void client.invalidateQueries({
    queryKey: queryKeys.resources.all(scope),
    predicate: (query) => JSON.stringify(query.queryKey) !== JSON.stringify(detailKey),
  });
}
