"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { ChartCard } from "@/components/charts/chart-card";
import { type DataColumn, DataTable } from "@/components/charts/data-table";
import {
  formatBucket,
  formatInteger,
  formatMs,
  STATUS_CLASSES,
  STATUS_COLORS,
} from "@/components/charts/format";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { StatTile } from "@/components/charts/stat-tile";
import { logsHref } from "@/components/logs/log-filters";
import { PageHeader } from "@/components/shell/page-header";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { AppLink } from "@/components/ui/app-link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Download } from "@/components/ui/icons/download";
import { InlineAlert } from "@/components/ui/inline-alert";
import { messageOf } from "@/lib/portal/proxy-client";
import type { RequestFiguresDto, RequestPointDto, UsageDto } from "@/lib/schemas/usage";
import { UsageFilterBar } from "./usage-filter-bar";
import { customRangeProblem, readFilters, type UsageFilters, writeFilters } from "./usage-range";
import { useUsage } from "./use-usage";

interface SeriesRow {
  group: string;
  label: string;
  totals: RequestFiguresDto;
}

const errorsOf = (f: RequestFiguresDto) => f.status["4xx"] + f.status["5xx"];
const percent = (part: number, whole: number) =>
  whole === 0 ? "0%" : `${((part / whole) * 100).toFixed(part / whole < 0.1 ? 1 : 0)}%`;

/** "GET /v1/regions" (a route group) as the logs page's method and route filters. */
function routeLogsHref(group: string): string | null {
  const [method, route] = group.split(" ");
  return method && route ? logsHref({ method, route }) : null;
}

const keyLogsHref = (group: string) =>
  group.startsWith("key_") ? logsHref({ api_key_id: group }) : null;

function seriesRows(usage: UsageDto | undefined): SeriesRow[] {
  return (usage?.series ?? []).map((s) => ({
    group: s.group ?? "",
    label: s.label,
    totals: s.totals as RequestFiguresDto,
  }));
}

export function UsageView() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const { project, environment } = usePortalContext();
  const filters = useMemo(
    () => readFilters(new URLSearchParams(params?.toString() ?? "")),
    [params],
  );
  const problem = customRangeProblem(filters);
  const ready = problem === null;

  const overall = useUsage(filters, "none", ready);
  const routes = useUsage(filters, "route", ready);
  const keys = useUsage(filters, "key", ready);
  const canReadLogs = useCan("logs:read");

  const setFilters = useCallback(
    (next: UsageFilters) => router.replace(`${pathname}${writeFilters(next)}`, { scroll: false }),
    [router, pathname],
  );

  const usage = overall.data;
  const totals = usage?.totals as RequestFiguresDto | undefined;
  const points = (usage?.series[0]?.points ?? []) as RequestPointDto[];
  const granularity = usage?.granularity ?? "hour";
  const chartRows = points.map((p) => ({
    label: formatBucket(p.timestamp, granularity),
    timestamp: p.timestamp,
    ...p.status,
    p50: p.latency_ms.p50,
    p95: p.latency_ms.p95,
    requests: p.requests,
  }));
  const empty = !totals || totals.requests === 0;
  // The export resolves the range when it is asked for (app/dashboard/usage/export): a link
  // made from "now" here would differ between the server's render and the browser's.
  const csvHref = ready ? `/dashboard/usage/export${writeFilters(filters)}` : undefined;
  const failure = overall.error ?? routes.error ?? keys.error;
  const loading = overall.isPending && ready;

  const routeRows = seriesRows(routes.data).slice(0, 10);
  const keyRows = seriesRows(keys.data);

  const statusColumns: DataColumn<(typeof chartRows)[number]>[] = [
    { header: "Time (UTC)", cell: (r) => r.label },
    ...STATUS_CLASSES.map((c) => ({
      header: c,
      cell: (r: (typeof chartRows)[number]) => formatInteger(r[c]),
      numeric: true,
    })),
    { header: "Total", cell: (r) => formatInteger(r.requests), numeric: true },
  ];
  const latencyColumns: DataColumn<(typeof chartRows)[number]>[] = [
    { header: "Time (UTC)", cell: (r) => r.label },
    { header: "p50", cell: (r) => formatMs(r.p50), numeric: true },
    { header: "p95", cell: (r) => formatMs(r.p95), numeric: true },
  ];

  return (
    <>
      <PageHeader
        title="Usage"
        description={`API requests of ${project.name} (${environment === "test" ? "sandbox, never billed" : "live"}), in UTC.`}
        actions={
          csvHref ? (
            <Button variant="outline" size="sm" asChild>
              <a href={csvHref} download data-testid="usage-csv">
                <Download aria-hidden="true" />
                Export CSV
              </a>
            </Button>
          ) : null
        }
      />
      <UsageFilterBar
        filters={filters}
        onChange={setFilters}
        keyOptions={keyRows.map((k) => ({ value: k.group, label: k.label }))}
        routeOptions={routeRows.map((r) => ({ value: r.group, label: r.label }))}
      />
      {problem ? (
        <InlineAlert variant="warning" className="mb-4">
          {problem}
        </InlineAlert>
      ) : null}
      {failure ? (
        <InlineAlert className="mb-4" title="Usage could not be loaded">
          {messageOf(failure)}
        </InlineAlert>
      ) : null}

      <dl className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="usage-totals">
        <StatTile
          label="Requests"
          value={totals ? formatInteger(totals.requests) : "–"}
          loading={loading}
          testId="usage-total-requests"
        />
        <StatTile
          label="Errors (4xx + 5xx)"
          value={totals ? formatInteger(errorsOf(totals)) : "–"}
          hint={totals ? `${percent(errorsOf(totals), totals.requests)} of requests` : undefined}
          loading={loading}
          testId="usage-total-errors"
        />
        <StatTile
          label="Rate limited (429)"
          value={totals ? formatInteger(totals.throttled) : "–"}
          loading={loading}
        />
        <StatTile
          label="Latency p50 / p95"
          value={
            totals ? `${formatMs(totals.latency_ms.p50)} / ${formatMs(totals.latency_ms.p95)}` : "–"
          }
          loading={loading}
        />
      </dl>

      <div className="grid gap-6 xl:grid-cols-2">
        <ChartCard
          title="Requests over time"
          description="Stacked by status class"
          loading={loading}
          empty={empty}
          testId="usage-status-chart"
          chart={
            <TimeSeriesChart
              kind="stacked-bars"
              data={chartRows}
              series={STATUS_CLASSES.map((c) => ({ key: c, name: c, color: STATUS_COLORS[c] }))}
              xLabel="Time (UTC)"
              yLabel="Requests"
            />
          }
          table={
            <DataTable
              caption="Requests per bucket by status class"
              columns={statusColumns}
              rows={chartRows}
              rowKey={(r) => r.timestamp}
              testId="usage-status-table"
            />
          }
        />
        <ChartCard
          title="Latency"
          description="p50 and p95 per bucket"
          loading={loading}
          empty={empty}
          testId="usage-latency-chart"
          chart={
            <TimeSeriesChart
              kind="lines"
              data={chartRows}
              series={[
                { key: "p50", name: "p50", color: "var(--chart-1)" },
                { key: "p95", name: "p95", color: "var(--chart-5)" },
              ]}
              xLabel="Time (UTC)"
              yLabel="Milliseconds"
              formatValue={(v) => formatMs(v)}
            />
          }
          table={
            <DataTable
              caption="Latency p50 and p95 per bucket"
              columns={latencyColumns}
              rows={chartRows}
              rowKey={(r) => r.timestamp}
            />
          }
        />
      </div>

      {/* Side by side only where six columns fit in half the page. */}
      <div className="mt-6 grid gap-6 2xl:grid-cols-2">
        <BreakdownCard
          title="Top routes"
          description="The busiest route templates in this range"
          rows={routeRows}
          empty={empty}
          loading={routes.isPending && ready}
          testId="usage-top-routes"
          onPick={(route) => setFilters({ ...filters, route })}
          pickLabel="Only this route"
          logsLink={canReadLogs ? routeLogsHref : undefined}
        />
        <BreakdownCard
          title="By key"
          description="Requests per API key (members' dashboard traffic listed separately)"
          rows={keyRows}
          empty={empty}
          loading={keys.isPending && ready}
          testId="usage-by-key"
          onPick={(key) => setFilters({ ...filters, key })}
          pickLabel="Only this key"
          logsLink={canReadLogs ? keyLogsHref : undefined}
        />
      </div>
    </>
  );
}

function BreakdownCard({
  title,
  description,
  rows,
  empty,
  loading,
  testId,
  onPick,
  pickLabel,
  logsLink,
}: {
  title: string;
  description: string;
  rows: SeriesRow[];
  empty: boolean;
  loading: boolean;
  testId: string;
  onPick: (group: string) => void;
  pickLabel: string;
  /** The request logs of a row's route or key, when the member may read them. */
  logsLink?: ((group: string) => string | null) | undefined;
}) {
  const total = rows.reduce((sum, r) => sum + r.totals.requests, 0);
  return (
    <Card data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {loading ? null : empty || rows.length === 0 ? (
          <p className="text-muted-foreground text-sm">No requests in this range.</p>
        ) : (
          <DataTable
            caption={title}
            rows={rows}
            rowKey={(r) => r.group}
            columns={[
              {
                header: "Name",
                cell: (r) =>
                  r.group === "other" ? (
                    r.label
                  ) : (
                    <button
                      type="button"
                      className="max-w-72 truncate text-left font-mono text-[13px] underline-offset-4 hover:underline"
                      onClick={() => onPick(r.group)}
                      title={`${pickLabel}: ${r.label}`}
                    >
                      {r.label}
                    </button>
                  ),
              },
              { header: "Requests", cell: (r) => formatInteger(r.totals.requests), numeric: true },
              { header: "Share", cell: (r) => percent(r.totals.requests, total), numeric: true },
              { header: "Errors", cell: (r) => formatInteger(errorsOf(r.totals)), numeric: true },
              { header: "429s", cell: (r) => formatInteger(r.totals.throttled), numeric: true },
              { header: "p95", cell: (r) => formatMs(r.totals.latency_ms.p95), numeric: true },
              ...(logsLink
                ? [
                    {
                      header: "Logs",
                      cell: (r: SeriesRow) => {
                        const href = logsLink(r.group);
                        return href ? (
                          <AppLink
                            href={href}
                            className="underline underline-offset-4"
                            data-testid="usage-logs-link"
                          >
                            Logs
                          </AppLink>
                        ) : null;
                      },
                    },
                  ]
                : []),
            ]}
          />
        )}
      </CardContent>
    </Card>
  );
}
