import { callApi } from "../api";
import { valueAt } from "../output";
import type { CommandSpec, TableView } from "../spec";
import { callAndPrint, getCommand, listCommand } from "./builders";
import { CREATED, dollars, when } from "./views";

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

const PRICE_VIEW: TableView = {
  columns: [
    { header: "ID", path: "id" },
    { header: "DESCRIPTION", path: "description" },
    { header: "UNIT", path: "unit" },
    { header: "PRICE", path: "unit_amount_cents", format: dollars },
    { header: "PER", path: "unit_quantity" },
    { header: "INCLUDED", path: "included_quantity" },
  ],
};

const BUDGET_VIEW: TableView = {
  columns: [
    { header: "PERIOD", path: "period" },
    { header: "BUDGET", path: "amount_cents", format: dollars },
    { header: "SPENT", path: "spend_cents", format: dollars },
    { header: "THRESHOLDS %", path: "thresholds" },
    {
      header: "ALERTS SENT",
      path: "alerts",
      format: (v) => (Array.isArray(v) ? String(v.length) : ""),
    },
  ],
};

/** A command that makes one GET and prints it. */
function showCommand(def: {
  path: string[];
  summary: string;
  api: string;
  view: TableView;
  examples: string[];
  options?: CommandSpec["options"];
}): CommandSpec {
  return {
    path: def.path,
    summary: def.summary,
    options: def.options,
    examples: def.examples,
    request: { method: "GET", path: def.api },
    run: (ctx, input) => callAndPrint(ctx, input, def.view),
  };
}

export const accountCommands: CommandSpec[] = [
  showCommand({
    path: ["regions", "list"],
    summary: "List regions and what runs in each",
    api: "/v1/regions",
    view: REGION_VIEW,
    examples: ["cloud regions list", "cloud regions list -q"],
  }),
  {
    path: ["usage"],
    summary: "Requests (or resource hours) over a time range, grouped",
    options: [
      {
        flags: "--from <time>",
        description: "Start, ISO 8601 (default: a granularity-sized window back)",
        to: { query: "from" },
      },
      { flags: "--to <time>", description: "End, ISO 8601 (default now)", to: { query: "to" } },
      {
        flags: "--granularity <size>",
        description: "Bucket size",
        choices: ["minute", "hour", "day"],
        to: { query: "granularity" },
      },
      {
        flags: "--group-by <dimension>",
        description: "Split into series",
        choices: ["key", "route", "status", "region", "type"],
        to: { query: "group_by" },
      },
      {
        flags: "--metric <metric>",
        description: "What to count",
        choices: ["requests", "resource_hours"],
        to: { query: "metric" },
      },
      { flags: "--key <key-id>", description: "Only this key's requests", to: { query: "key_id" } },
      {
        flags: "--route <route>",
        description: "Only this route, e.g. 'GET /v1/resources/:id'",
        to: { query: "route" },
      },
    ],
    examples: [
      "cloud usage --granularity day --from 2026-04-01T00:00:00Z --group-by status",
      "cloud usage --metric resource_hours --group-by region -o json",
    ],
    request: { method: "GET", path: "/v1/usage" },
    async run(ctx, input) {
      const answer = await callApi(ctx.client(), input.call());
      ctx.output.answer(answer, usageView(String(valueAt(answer.value, "metric"))));
    },
  },
  showCommand({
    path: ["rate-limits"],
    summary: "This key's rate limit: the window, what is used and when it resets",
    api: "/v1/rate-limits",
    view: RATE_LIMIT_VIEW,
    examples: ["cloud rate-limits", "cloud rate-limits -o json | jq .window.remaining"],
  }),
  showCommand({
    path: ["billing", "summary"],
    summary: "Plan, month-to-date spend, forecast and budget",
    api: "/v1/billing/summary",
    view: SUMMARY_VIEW,
    examples: ["cloud billing summary", "cloud billing summary -o json | jq .forecast.total_cents"],
  }),
  showCommand({
    path: ["billing", "prices"],
    summary: "Every price, with what the plans include (-o json for the plans too)",
    api: "/v1/billing/prices",
    view: PRICE_VIEW,
    examples: ["cloud billing prices", "cloud billing prices -o json | jq '.plans[].name'"],
  }),
  showCommand({
    path: ["billing", "budget"],
    summary: "The monthly budget, this month's spend and the alerts sent",
    api: "/v1/billing/budget",
    view: BUDGET_VIEW,
    examples: ["cloud billing budget", "cloud billing budget -o json | jq .spend_cents"],
  }),
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
];

export { CREATED };
