"use client";

import { ChartCard } from "@/components/charts/chart-card";
import { DataTable } from "@/components/charts/data-table";
import { formatCents, formatDecimal } from "@/components/charts/format";
import { TimeSeriesChart } from "@/components/charts/lazy-charts";
import { StatTile } from "@/components/charts/stat-tile";
import { PageHeader } from "@/components/shell/page-header";
import { useCan, usePortalContext } from "@/components/shell/portal-context-provider";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { InlineAlert } from "@/components/ui/inline-alert";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDate } from "@/lib/portal/format";
import { messageOf } from "@/lib/portal/proxy-client";
import type { BillingSummaryDto } from "@/lib/schemas/billing";
import { BudgetCard } from "./budget-card";
import { InvoicesCard } from "./invoices-card";
import { LineItemsTable, serviceName } from "./line-items-table";
import { PlansCard } from "./plans-card";
import { useBillingSummary } from "./use-billing";

function serviceRows(summary: BillingSummaryDto) {
  const services = new Map<string, { service: string; mtd: number; forecast: number }>();
  for (const s of summary.forecast.by_service)
    services.set(s.service, { service: s.service, mtd: 0, forecast: s.amount_cents });
  for (const s of summary.month_to_date.by_service) {
    const row = services.get(s.service) ?? { service: s.service, mtd: 0, forecast: 0 };
    row.mtd = s.amount_cents;
    services.set(s.service, row);
  }
  return [...services.values()].map((r) => ({
    ...r,
    label: serviceName(r.service),
    mtdDollars: r.mtd / 100,
    forecastDollars: r.forecast / 100,
  }));
}

export function BillingView() {
  const { organization, role } = usePortalContext();
  const canRead = useCan("billing:read");
  const canManage = useCan("billing:manage");
  const summary = useBillingSummary(canRead);
  const data = summary.data;
  const rows = data ? serviceRows(data) : [];
  const lastDay = data ? formatDate(new Date(Date.parse(data.period.end) - 1).toISOString()) : "";

  if (!canRead) {
    return (
      <>
        <PageHeader title="Billing" />
        <InlineAlert variant="info" title="Billing is not part of your role">
          Members with the {role} role cannot see billing. Owners, admins and billing members can.
        </InlineAlert>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Billing"
        description={
          data
            ? `${organization.name} · ${data.plan_name} plan · ${formatDate(data.period.start)} – ${lastDay} (UTC). Sandbox usage is never billed.`
            : `${organization.name}: live usage this month, priced.`
        }
      />
      {summary.error ? (
        <InlineAlert className="mb-4" title="Billing could not be loaded">
          {messageOf(summary.error)}
        </InlineAlert>
      ) : null}

      <dl className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <StatTile
          label="Month to date"
          value={
            data ? (
              <span data-testid="billing-mtd">{formatCents(data.month_to_date.total_cents)}</span>
            ) : (
              "–"
            )
          }
          hint={data ? `as of ${formatDate(data.as_of)}` : undefined}
          loading={!data}
        />
        <StatTile
          label="Forecast for the month"
          value={
            data ? (
              <span data-testid="billing-forecast">{formatCents(data.forecast.total_cents)}</span>
            ) : (
              "–"
            )
          }
          hint="At the month-to-date rate, running resources kept running"
          loading={!data}
        />
        <StatTile
          label="Plan"
          value={data ? <span data-testid="billing-plan">{data.plan_name}</span> : "–"}
          hint={
            data
              ? `${data.rate_limit_per_minute.toLocaleString("en-US")} requests / minute`
              : undefined
          }
          loading={!data}
        />
        <StatTile
          label="Budget"
          value={data ? (data.budget ? formatCents(data.budget.amount_cents) : "None") : "–"}
          hint={
            data?.budget ? `${Math.round(data.budget.spent_ratio * 100)}% spent` : "Set one below"
          }
          loading={!data}
        />
      </dl>

      <div className="grid gap-6 xl:grid-cols-2">
        <ChartCard
          title="Cost by service"
          description="Month to date and forecast, in US dollars"
          loading={!data}
          empty={rows.length === 0}
          emptyTitle="Nothing billed yet"
          emptyDescription="Live usage and your plan's fee appear here as the month goes on."
          testId="billing-services-chart"
          chart={
            <TimeSeriesChart
              kind="bars"
              data={rows}
              series={[
                { key: "mtdDollars", name: "Month to date", color: "var(--chart-1)" },
                { key: "forecastDollars", name: "Forecast", color: "var(--chart-2)" },
              ]}
              xLabel="Service"
              yLabel="US dollars"
              formatValue={(v) => formatCents(Math.round(v * 100))}
            />
          }
          table={
            <DataTable
              caption="Cost by service"
              rows={rows}
              rowKey={(r) => r.service}
              columns={[
                { header: "Service", cell: (r) => r.label },
                { header: "Month to date", cell: (r) => formatCents(r.mtd), numeric: true },
                { header: "Forecast", cell: (r) => formatCents(r.forecast), numeric: true },
              ]}
            />
          }
        />
        <Card data-testid="billing-included">
          <CardHeader>
            <CardTitle>Included in your plan</CardTitle>
            <CardDescription>Used so far this month</CardDescription>
          </CardHeader>
          <CardContent>
            {!data ? (
              <Skeleton className="h-24 w-full" />
            ) : (
              <ul className="grid gap-4">
                {data.included.map((inc) => {
                  const ratio = inc.included > 0 ? Math.min(1, inc.used / inc.included) : 0;
                  return (
                    <li key={inc.metric} className="grid gap-1">
                      <div className="flex justify-between gap-3 text-sm">
                        <span>{inc.description}</span>
                        <span className="tabular-nums">
                          {formatDecimal(inc.used)} of {formatDecimal(inc.included)} {inc.unit}s
                        </span>
                      </div>
                      <meter
                        className="sr-only"
                        aria-label={`${inc.description} used`}
                        min={0}
                        max={inc.included}
                        value={Math.min(inc.used, inc.included)}
                      />
                      <div aria-hidden="true" className="h-2 overflow-hidden rounded-full bg-muted">
                        <div
                          className="h-full rounded-full bg-primary"
                          style={{ width: `${ratio * 100}%` }}
                        />
                      </div>
                    </li>
                  );
                })}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <Card className="mt-6" data-testid="billing-line-items">
        <CardHeader>
          <CardTitle>This month so far</CardTitle>
          <CardDescription>
            Each line is rounded to whole cents; the total is their sum.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {data ? (
            <LineItemsTable
              lines={data.month_to_date.line_items}
              totalCents={data.month_to_date.total_cents}
              caption="Month-to-date line items"
            />
          ) : (
            <Skeleton className="h-24 w-full" />
          )}
        </CardContent>
      </Card>

      <div className="mt-6 grid gap-6">
        <PlansCard
          enabled={canRead}
          canManage={canManage}
          currentPlan={data?.plan ?? organization.plan}
        />
        {/* Side by side only where the invoice table fits in half the page. */}
        <div className="grid gap-6 2xl:grid-cols-2">
          <InvoicesCard enabled={canRead} />
          <BudgetCard enabled={canRead} canManage={canManage} />
        </div>
      </div>
    </>
  );
}
