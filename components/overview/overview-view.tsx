"use client";

import { useLiveEvents } from "@/components/events/use-events";
import { EventTimeline } from "@/components/resources/event-timeline";
import { typeLabel } from "@/components/resources/resource-labels";
import { PageHeader } from "@/components/shell/page-header";
import {
  useCan,
  usePortalContext,
  usePortalScopeKey,
} from "@/components/shell/portal-context-provider";
import { AppLink } from "@/components/ui/app-link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Activity } from "@/components/ui/icons/activity";
import { ArrowRight } from "@/components/ui/icons/arrow-right";
import { Boxes } from "@/components/ui/icons/boxes";
import { KeyRound } from "@/components/ui/icons/key-round";
import { Plus } from "@/components/ui/icons/plus";
import { Skeleton } from "@/components/ui/skeleton";
import { RESOURCE_TYPES, VISIBLE_STATUSES } from "@/lib/catalog/resources";
import { messageOf } from "@/lib/portal/proxy-client";
import { queryKeys } from "@/lib/portal/query-keys";
import { cn } from "@/lib/utils";
import { useRateLimits, useRecentEvents, useResourceCounts } from "./use-overview";

function QuickStart({ apiOrigin }: { apiOrigin: string }) {
  const { environment } = usePortalContext();
  const canCreateKey = useCan("keys:write");
  const prefix = environment === "test" ? "sk_test_" : "sk_live_";
  const curl = `curl ${apiOrigin}/v1/resources \\\n  -H "Authorization: Bearer $CLOUD_API_KEY"`;
  return (
    <Card className="lg:col-span-2" data-testid="quick-start">
      <CardHeader>
        <CardTitle>Quick start</CardTitle>
        <CardDescription>Two steps to your first API call from a terminal.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <ol className="grid min-w-0 gap-4 text-sm">
          <li className="grid min-w-0 gap-2">
            <span className="[overflow-wrap:anywhere]">
              <span className="font-medium">1. Create an API key</span> and keep it in an
              environment variable: <code>export CLOUD_API_KEY="{prefix}…"</code>
            </span>
            {canCreateKey ? (
              <Button asChild size="sm" className="w-fit">
                <AppLink href="/dashboard/settings/api-keys?create=1">
                  <KeyRound aria-hidden="true" />
                  Create a key
                </AppLink>
              </Button>
            ) : (
              <span className="text-muted-foreground">
                Ask an owner, admin or developer for a key.
              </span>
            )}
          </li>
          <li className="grid min-w-0 gap-2">
            <span className="font-medium">2. List your resources</span>
            <div className="flex min-w-0 items-start gap-2">
              <pre
                className="min-w-0 flex-1 overflow-x-auto rounded-md border bg-muted px-3 py-2 font-mono text-[13px]"
                data-testid="quick-start-curl"
              >
                {curl}
              </pre>
              <CopyButton value={curl.replace("\\\n  ", "")} label="Copy" />
            </div>
          </li>
        </ol>
      </CardContent>
    </Card>
  );
}

function RateLimitCard() {
  const { environment } = usePortalContext();
  const limits = useRateLimits();
  const current = limits.data?.window;
  const share = current && current.limit > 0 ? Math.min(1, current.used / current.limit) : 0;
  return (
    <Card data-testid="rate-limit-card">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Activity className="size-4" aria-hidden="true" />
          Rate limit
        </CardTitle>
        <CardDescription>
          {environment === "test" ? "Sandbox" : "Live"} requests this minute
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {limits.isPending ? (
          <Skeleton className="h-12" />
        ) : limits.isError || !current ? (
          <p className="text-muted-foreground text-sm">{messageOf(limits.error)}</p>
        ) : (
          <>
            <p className="text-sm">
              <span className="font-semibold text-2xl tabular-nums" data-testid="rate-limit-used">
                {current.used.toLocaleString("en")}
              </span>{" "}
              <span className="text-muted-foreground">
                of {current.limit.toLocaleString("en")} per minute
              </span>
            </p>
            {/* biome-ignore lint/a11y/useSemanticElements: a themed bar; <meter> cannot be styled reliably */}
            <div
              role="meter"
              aria-label="Share of this minute's limit used"
              aria-valuemin={0}
              aria-valuemax={current.limit}
              aria-valuenow={current.used}
              className="h-2 overflow-hidden rounded-full bg-muted"
            >
              <div
                className={cn(
                  "h-full rounded-full",
                  share > 0.9 ? "bg-destructive" : share > 0.7 ? "bg-warning" : "bg-primary",
                )}
                style={{ width: `${Math.max(share * 100, current.used > 0 ? 2 : 0)}%` }}
              />
            </div>
            <p className="flex flex-wrap items-center gap-2 text-muted-foreground text-xs">
              <Badge variant="outline" className="capitalize">
                {limits.data?.limit_source === "sandbox" ? "sandbox" : `${limits.data?.plan} plan`}
              </Badge>
              Resets in {current.reset_in}s
            </p>
          </>
        )}
      </CardContent>
    </Card>
  );
}

function ResourcesCard({ live }: { live: boolean }) {
  const counts = useResourceCounts(live);
  const canCreate = useCan("resources:write");
  return (
    <Card data-testid="resource-counts">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Boxes className="size-4" aria-hidden="true" />
          Resources
        </CardTitle>
        <CardDescription>
          {counts.data ? `${counts.data.total} in this environment` : "By type and status"}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {counts.isPending ? (
          <Skeleton className="h-24" />
        ) : counts.isError ? (
          <p className="text-muted-foreground text-sm">{messageOf(counts.error)}</p>
        ) : (
          <>
            <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3" aria-label="By type">
              {RESOURCE_TYPES.map((type) => (
                <li key={type}>
                  <AppLink
                    href={`/dashboard/resources?type=${type}`}
                    className="grid rounded-md border px-3 py-2 hover:bg-accent"
                    data-testid={`count-${type}`}
                  >
                    <span className="font-semibold text-lg tabular-nums">
                      {counts.data?.byType[type] ?? 0}
                    </span>
                    <span className="text-muted-foreground text-xs">{typeLabel(type)}</span>
                  </AppLink>
                </li>
              ))}
            </ul>
            <ul className="flex flex-wrap gap-2 text-sm" aria-label="By status">
              {VISIBLE_STATUSES.map((status) => (
                <li key={status}>
                  <AppLink
                    href={`/dashboard/resources?status=${status}`}
                    className="inline-flex items-center gap-1.5 rounded-md border px-2 py-1 hover:bg-accent"
                    data-testid={`count-status-${status}`}
                  >
                    <span className="font-medium tabular-nums">
                      {counts.data?.byStatus[status] ?? 0}
                    </span>
                    <span className="text-muted-foreground">{status}</span>
                  </AppLink>
                </li>
              ))}
            </ul>
          </>
        )}
        <div className="flex flex-wrap gap-2">
          <Button asChild variant="outline" size="sm">
            <AppLink href="/dashboard/resources">
              All resources
              <ArrowRight aria-hidden="true" />
            </AppLink>
          </Button>
          {canCreate ? (
            <Button asChild variant="ghost" size="sm">
              <AppLink href="/dashboard/resources?create=1">
                <Plus aria-hidden="true" />
                Create
              </AppLink>
            </Button>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}

function RecentEventsCard({ live }: { live: boolean }) {
  const events = useRecentEvents(live);
  return (
    <Card data-testid="recent-events">
      <CardHeader>
        <CardTitle>Recent events</CardTitle>
        <CardDescription>What changed in this environment</CardDescription>
      </CardHeader>
      <CardContent>
        {events.isPending ? (
          <Skeleton className="h-24" />
        ) : events.isError ? (
          <p className="text-muted-foreground text-sm">{messageOf(events.error)}</p>
        ) : (
          <EventTimeline
            events={events.data?.data ?? []}
            showSubject
            emptyText="Nothing yet: create a resource and its events appear here."
          />
        )}
      </CardContent>
    </Card>
  );
}

/** /dashboard: what exists, what happened, how much of the limit is used, how to start. */
export function OverviewView({ apiOrigin }: { apiOrigin: string }) {
  const { organization, project, environment, user } = usePortalContext();
  const scope = usePortalScopeKey();
  // One stream for the page: recent events, counts and cached resources follow it.
  const live =
    useLiveEvents({
      resumeFrom: queryKeys.events.recent(scope),
      enabled: useCan("events:read"),
    }) === "live";
  return (
    <>
      <PageHeader
        title="Overview"
        description={`Welcome${user.name ? `, ${user.name}` : ""}. ${project.name} in ${organization.name}, ${environment === "test" ? "Sandbox" : "Live"}.`}
      />
      <div className="grid gap-4 lg:grid-cols-3">
        <QuickStart apiOrigin={apiOrigin} />
        <RateLimitCard />
        <div className="lg:col-span-2">
          <ResourcesCard live={live} />
        </div>
        <RecentEventsCard live={live} />
      </div>
    </>
  );
}
