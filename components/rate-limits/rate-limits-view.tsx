"use client";

import { useState } from "react";
import { ChartCard } from "@/components/charts/chart-card";
import { DataTable } from "@/components/charts/data-table";
import { formatBucket, formatInteger } from "@/components/charts/format";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { PageHeader } from "@/components/shell/page-header";
import { usePortalContext } from "@/components/shell/portal-context-provider";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { messageOf } from "@/lib/portal/proxy-client";
import {
  HISTORY_RANGES,
  type HistoryRange,
  LIVE_REFRESH_MS,
  useRateLimits,
} from "./use-rate-limits";
import { WindowGauge } from "./window-gauge";

const SOURCE_TEXT = {
  plan: "your plan",
  override: "an operator's override",
  sandbox: "the sandbox",
} as const;

export function RateLimitsView() {
  const { environment } = usePortalContext();
  const [history, setHistory] = useState<HistoryRange>("24h");
  const query = useRateLimits(history);
  const data = query.data;
  const sandbox = environment === "test";
  const current = data?.window;
  const other = data ? (sandbox ? data.live : data.sandbox) : undefined;
  const points = (data?.throttled.points ?? []).map((p) => ({
    label: formatBucket(p.timestamp, data?.throttled.granularity ?? "hour"),
    timestamp: p.timestamp,
    throttled: p.throttled,
  }));
  const throttledKeys = (data?.throttled.by_key ?? []).filter((k) => k.throttled > 0);

  return (
    <>
      <PageHeader
        title="Rate limits"
        description={
          data
            ? `${sandbox ? "Sandbox" : "Live"} traffic may make ${formatInteger(data.window.limit)} requests a minute (${SOURCE_TEXT[data.limit_source]}). Refreshes every ${LIVE_REFRESH_MS / 1000} s.`
            : "Requests per minute against your plan's limit."
        }
      />
      {query.error ? (
        <InlineAlert className="mb-4" title="Rate limits could not be loaded">
          {messageOf(query.error)}
        </InlineAlert>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[auto_1fr]">
        <Card>
          <CardHeader>
            <CardTitle>Current window</CardTitle>
            <CardDescription>
              60-second windows, shared by every key of the organization
              {data ? (
                <>
                  {" "}
                  · plan <Badge variant="outline">{data.plan}</Badge>
                </>
              ) : null}
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap items-end justify-center gap-6">
            {current ? (
              <WindowGauge
                label={`${sandbox ? "Sandbox" : "Live"} requests this minute`}
                used={current.used}
                limit={current.limit}
                resetAt={current.reset}
                testId="rate-gauge"
              />
            ) : (
              <Skeleton className="h-40 w-64" />
            )}
            {other ? (
              <WindowGauge
                label={`${sandbox ? "Live" : "Sandbox"} requests this minute`}
                used={other.used}
                limit={other.limit}
                resetAt={other.reset}
                size="sm"
                testId="rate-gauge-other"
              />
            ) : null}
          </CardContent>
        </Card>

        <Card data-testid="rate-keys">
          <CardHeader>
            <CardTitle>Keys in this window</CardTitle>
            <CardDescription>
              Requests of this project's keys since the window opened
            </CardDescription>
          </CardHeader>
          <CardContent>
            {!data ? (
              <Skeleton className="h-24 w-full" />
            ) : data.keys.length === 0 ? (
              <p className="text-muted-foreground text-sm">
                No key has made a request in this window.
              </p>
            ) : (
              // One shrinkable column each: a long key name is cut, not the card widened.
              <ul className="grid grid-cols-1 gap-3">
                {data.keys.map((k) => (
                  <li key={k.key_id ?? "portal"} className="grid grid-cols-1 gap-1">
                    <div className="flex justify-between gap-3 text-sm">
                      <span className="truncate font-mono text-[13px]" title={k.name}>
                        {k.name}
                      </span>
                      <span className="shrink-0 tabular-nums">
                        {formatInteger(k.requests_this_window)} of{" "}
                        {formatInteger(data.window.limit)}
                      </span>
                    </div>
                    <meter
                      className="sr-only"
                      aria-label={`${k.name}: share of the limit`}
                      min={0}
                      max={data.window.limit}
                      value={Math.min(k.requests_this_window, data.window.limit)}
                    />
                    <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-muted">
                      <div
                        className="h-full rounded-full bg-primary"
                        style={{ width: `${Math.min(100, k.share_of_limit * 100)}%` }}
                      />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <div className="mt-6 grid gap-6 xl:grid-cols-[2fr_1fr]">
        <ChartCard
          title="429 responses over time"
          description={`Requests refused for the rate limit, ${HISTORY_RANGES.find((r) => r.id === history)?.label.toLowerCase()}`}
          loading={!data}
          empty={(data?.throttled.total ?? 0) === 0}
          emptyTitle="No 429s in this range"
          emptyDescription="No request was refused for the rate limit."
          testId="rate-throttled-chart"
          actions={
            <div className="inline-flex rounded-md border bg-muted p-0.5">
              {HISTORY_RANGES.map((r) => (
                <button
                  key={r.id}
                  type="button"
                  aria-pressed={history === r.id}
                  onClick={() => setHistory(r.id)}
                  className={
                    history === r.id
                      ? "h-7 rounded-sm bg-background px-2 font-medium text-foreground text-xs shadow-xs"
                      : "h-7 rounded-sm px-2 text-muted-foreground text-xs hover:text-foreground"
                  }
                >
                  {r.label}
                </button>
              ))}
            </div>
          }
          chart={
            <TimeSeriesChart
              kind="bars"
              data={points}
              series={[{ key: "throttled", name: "429 responses", color: "var(--destructive)" }]}
              xLabel="Time (UTC)"
              yLabel="429 responses"
            />
          }
          table={
            <DataTable
              caption="429 responses per bucket"
              rows={points}
              rowKey={(r) => r.timestamp}
              columns={[
                { header: "Time (UTC)", cell: (r) => r.label },
                { header: "429s", cell: (r) => formatInteger(r.throttled), numeric: true },
              ]}
            />
          }
        />
        <Card data-testid="rate-throttled-keys">
          <CardHeader>
            <CardTitle>429s by key</CardTitle>
            <CardDescription>
              Total:{" "}
              <span data-testid="rate-throttled-total">
                {formatInteger(data?.throttled.total ?? 0)}
              </span>
            </CardDescription>
          </CardHeader>
          <CardContent>
            {throttledKeys.length === 0 ? (
              <p className="text-muted-foreground text-sm">
                No key was rate limited in this range.
              </p>
            ) : (
              <DataTable
                caption="429 responses by key"
                rows={throttledKeys}
                rowKey={(r) => r.key_id ?? "portal"}
                columns={[
                  {
                    header: "Key",
                    cell: (r) => <span className="font-mono text-[13px]">{r.name}</span>,
                    wrap: true,
                  },
                  { header: "429s", cell: (r) => formatInteger(r.throttled), numeric: true },
                  { header: "Requests", cell: (r) => formatInteger(r.requests), numeric: true },
                ]}
              />
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
