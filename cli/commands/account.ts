import { callApi } from "../api";
import { valueAt } from "../output";
import type { CommandSpec, TableView } from "../spec";
import { getCommand, listCommand, stringOption } from "./builders";
import { CREATED, dollars, EVENT_VIEW, when } from "./views";

const USAGE_REQUEST_COLUMNS = [
  { header: "SERIES", path: "label" },
  { header: "REQUESTS", path: "totals.requests" },
  { header: "2XX", path: "totals.status.2xx" },
  { header: "4XX", path: "totals.status.4xx" },
  { header: "5XX", path: "totals.status.5xx" },
  { header: "THROTTLED", path: "totals.throttled" },
  { header: "P50 MS", path: "totals.latency_ms.p50" },
  { header: "P95 MS", path: "totals.latency_ms.p95" },
];
const USAGE_RESOURCE_COLUMNS = [
  { header: "SERIES", path: "label" },
  { header: "RESOURCE HOURS", path: "totals.resource_hours" },
  { header: "STORAGE GB HOURS", path: "totals.storage_gb_hours" },
];

const usageView = (metric: string): TableView => ({
  columns: metric === "resource_hours" ? USAGE_RESOURCE_COLUMNS : USAGE_REQUEST_COLUMNS,
  rows: (value) => (valueAt(value, "series") as unknown[] | undefined) ?? [],
});

const REGION_VIEW: TableView = {
  columns: [
    { header: "SLUG", path: "slug" },
    { header: "NAME", path: "name" },
    { header: "COUNTRY", path: "country" },
    { header: "AVAILABLE", path: "available" },
    { header: "TYPES", path: "resource_types" },
  ],
};

const SUMMARY_VIEW: TableView = {
  columns: [
    { header: "PLAN", path: "plan_name" },
    { header: "PERIOD START", path: "period.start", format: when },
    { header: "MONTH TO DATE", path: "month_to_date.total_cents", format: dollars },
    { header: "FORECAST", path: "forecast.total_cents", format: dollars },
    { header: "BUDGET", path: "budget.amount_cents", format: dollars },
  ],
};

const INVOICE_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "NUMBER", path: "number" },
    { header: "PLAN", path: "plan" },
    { header: "PERIOD START", path: "period_start", format: when },
    { header: "TOTAL", path: "total_cents", format: dollars },
    { header: "STATUS", path: "status" },
  ],
};

const RATE_LIMIT_VIEW: TableView = {
  columns: [
    { header: "PLAN", path: "plan" },
    { header: "ENV", path: "environment" },
    { header: "LIMIT", path: "window.limit" },
    { header: "USED", path: "window.used" },
    { header: "REMAINING", path: "window.remaining" },
    {
      header: "RESETS IN",
      path: "window.reset_in",
      format: (v) => (v === undefined ? "" : `${String(v)}s`),
    },
  ],
};

export const accountCommands: CommandSpec[] = [
  {
    path: ["regions", "list"],
    summary: "List regions and what runs in each",
    examples: ["cloud regions list", "cloud regions list -q"],
    async run(ctx) {
      ctx.output.answer(
        await callApi(ctx.client(), { method: "GET", path: "/v1/regions" }),
        REGION_VIEW,
      );
    },
  },
  {
    path: ["usage"],
    summary: "Requests (or resource hours) over a time range, grouped",
    options: [
      {
        flags: "--from <time>",
        description: "Start, ISO 8601 (default: a granularity-sized window back)",
      },
      { flags: "--to <time>", description: "End, ISO 8601 (default now)" },
      {
        flags: "--granularity <size>",
        description: "Bucket size",
        choices: ["minute", "hour", "day"],
      },
      {
        flags: "--group-by <dimension>",
        description: "Split into series",
        choices: ["key", "route", "status", "region", "type"],
      },
      {
        flags: "--metric <metric>",
        description: "What to count",
        choices: ["requests", "resource_hours"],
      },
      { flags: "--key <key-id>", description: "Only this key's requests" },
      { flags: "--route <route>", description: "Only this route, e.g. 'GET /v1/resources/:id'" },
    ],
    examples: [
      "cloud usage --granularity day --from 2026-04-01T00:00:00Z --group-by status",
      "cloud usage --metric resource_hours --group-by region -o json",
    ],
    async run(ctx, input) {
      const query: Record<string, string> = {};
      for (const [flags, name] of [
        ["--from", "from"],
        ["--to", "to"],
        ["--granularity", "granularity"],
        ["--group-by", "group_by"],
        ["--metric", "metric"],
        ["--key", "key_id"],
        ["--route", "route"],
      ] as const) {
        const value = stringOption(input, flags);
        if (value !== undefined) query[name] = value;
      }
      const answer = await callApi(ctx.client(), {
        method: "GET",
        path: "/v1/usage",
        params: { query },
      });
      ctx.output.answer(answer, usageView(String(valueAt(answer.value, "metric"))));
    },
  },
  {
    path: ["rate-limits"],
    summary: "This key's rate limit: the window, what is used and when it resets",
    examples: ["cloud rate-limits", "cloud rate-limits -o json | jq .window.remaining"],
    async run(ctx) {
      ctx.output.answer(
        await callApi(ctx.client(), { method: "GET", path: "/v1/rate-limits" }),
        RATE_LIMIT_VIEW,
      );
    },
  },
  {
    path: ["billing", "summary"],
    summary: "Plan, month-to-date spend, forecast and budget",
    examples: ["cloud billing summary", "cloud billing summary -o json | jq .forecast.total_cents"],
    async run(ctx) {
      ctx.output.answer(
        await callApi(ctx.client(), { method: "GET", path: "/v1/billing/summary" }),
        SUMMARY_VIEW,
      );
    },
  },
  listCommand({
    path: ["billing", "invoices"],
    summary: "List invoices, newest first",
    api: "/v1/billing/invoices",
    view: INVOICE_VIEW,
    examples: ["cloud billing invoices", "cloud billing invoices --all -q"],
  }),
  getCommand({
    path: ["billing", "invoice"],
    summary: "Show one invoice",
    api: "/v1/billing/invoices/{id}",
    view: INVOICE_VIEW,
    examples: ["cloud billing invoice in_4fQ2xZk9LmP0aB7c -o yaml"],
  }),
  listCommand({
    path: ["events", "list"],
    summary: "List what happened in the project, newest first",
    api: "/v1/events",
    filters: [
      {
        flags: "--type <type>",
        description: "An event type, or a family: resource.*",
        query: "type",
      },
      { flags: "--object <id>", description: "Only events about this object", query: "object_id" },
    ],
    view: EVENT_VIEW,
    examples: [
      "cloud events list --type 'resource.*'",
      "cloud events list --object res_Tn49WpXc2LmQ8vRb",
    ],
  }),
];

export { CREATED };
