import type { Metadata } from "next";
import { headers } from "next/headers";
import { OverviewView } from "@/components/overview/overview-view";
import {
  loadResourceCounts,
  RATE_LIMITS_PATH,
  RECENT_EVENTS_PATH,
} from "@/components/overview/resource-counts";
import { QuerySeed } from "@/components/providers/query-seed";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";
import { getRuntime } from "@/lib/runtime";

export const metadata: Metadata = { title: "Overview" };

/** The origin customers call: PUBLIC_API_URL, else the portal's published URL, else this host. */
async function apiOrigin(): Promise<string> {
  const { config } = await getRuntime();
  for (const url of [config.publicApiUrl, config.nextAuthUrl]) {
    if (url) return new URL(url).origin;
  }
  const host = (await headers()).get("host") ?? "localhost";
  return `http://${host}`;
}

export default async function OverviewPage() {
  const context = await requireDashboardContext("/dashboard");
  const scope = scopeOf(context);
  const [state, origin] = await Promise.all([
    prefetchState([
      {
        queryKey: queryKeys.resources.counts(scope),
        queryFn: () => loadResourceCounts((path) => serverApiGet(context, path)),
      },
      {
        queryKey: queryKeys.events.recent(scope),
        queryFn: () => serverApiGet(context, RECENT_EVENTS_PATH),
      },
      {
        queryKey: queryKeys.rateLimits(scope),
        queryFn: () => serverApiGet(context, RATE_LIMITS_PATH),
      },
    ]),
    apiOrigin(),
  ]);
  return (
    <QuerySeed queries={state}>
      <OverviewView apiOrigin={origin} />
    </QuerySeed>
  );
}
