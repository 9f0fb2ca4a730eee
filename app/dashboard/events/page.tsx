import type { Metadata } from "next";
import {
  EVENT_TYPES_PATH,
  eventFiltersFromRecord,
  eventHistoryPath,
} from "@/components/events/event-filters";
import { EventsView } from "@/components/events/events-view";
import { QuerySeed } from "@/components/providers/query-seed";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "Events" };

export default async function EventsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const context = await requireDashboardContext("/dashboard/events");
  const filters = eventFiltersFromRecord(await searchParams);
  const scope = scopeOf(context);
  const state = await prefetchState([
    {
      queryKey: queryKeys.events.list(scope, filters),
      queryFn: () => serverApiGet(context, eventHistoryPath(filters)),
    },
    {
      queryKey: queryKeys.eventTypes(scope),
      queryFn: () => serverApiGet(context, EVENT_TYPES_PATH),
    },
  ]);
  return (
    <QuerySeed queries={state}>
      <EventsView />
    </QuerySeed>
  );
}
