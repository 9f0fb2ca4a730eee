import type { Environment, Plan } from "./schema";

/**
 * Tables of usage metering, billing and budgets (migration 0005). Kept beside schema.ts so the
 * shared file only lists them in `Database`.
 */

type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
/** h00..h35, exactly. */
export type HistogramColumn =
  | `h${"0" | "1" | "2"}${Digit}`
  | `h3${"0" | "1" | "2" | "3" | "4" | "5"}`;

/** The histogram columns of a rollup row (bucket edges: lib/usage/histogram.ts). */
export type HistogramFields = { [K in HistogramColumn]: number };

export type RollupGranularity = "minute" | "hour" | "day";

/** Shared by both request rollup tables: counts, sums and the latency histogram (h00..h35). */
export interface RequestRollupMeasures extends HistogramFields {
  requests: number;
  /** Answers with status 429 (a subset of status_class 4). */
  throttled: number;
  latency_sum_ms: number;
  bytes_in: number;
  bytes_out: number;
}

/** Raw request records per minute, hour and day, by key, route template and status class. */
export interface UsageRollupsTable extends RequestRollupMeasures {
  granularity: RollupGranularity;
  /** Bucket start, ISO-8601 UTC (`2026-11-26T10:00:00.000Z`). */
  bucket: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  /** '' for requests without a key (members through the portal). */
  key_id: string;
  method: string;
  /** Route template, e.g. `/v1/resources/{id}`. */
  route: string;
  /** 2, 3, 4 or 5 (status / 100). */
  status_class: number;
}

/** The same counts by status class only: what the charts and totals read (few rows per bucket). */
export interface UsageStatusRollupsTable extends RequestRollupMeasures {
  granularity: RollupGranularity;
  bucket: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  status_class: number;
}

/** Seconds that resources were alive, per hour and day, by type, size and region. */
export interface ResourceUsageRollupsTable {
  granularity: "hour" | "day";
  bucket: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  resource_type: string;
  /** Instance size slug; '' for types without sizes. */
  size: string;
  region: string;
  resource_seconds: number;
  /** size_gb × seconds (volumes), for GB-month storage pricing. */
  gb_seconds: number;
}

/** Where each incremental metering job has got to: everything before `watermark` is rolled up. */
export interface MeteringStateTable {
  name: "requests" | "resources";
  watermark: string | null;
  /** The same instant in milliseconds (migration 0011), for the raw rows' integer timestamps. */
  watermark_ms: number | null;
  updated_at: string;
}

/** One price of one plan; (plan, metric, dimension) is unique. Amounts are integer cents. */
export interface PricesTable {
  id: string;
  plan: Plan;
  service: string;
  /** base_fee | requests | instance_hours | volume_gb_months | bucket_hours | load_balancer_hours | network_hours */
  metric: string;
  /** Instance size slug, or ''. */
  dimension: string;
  description: string;
  /** What one unit is: month, request, hour, GB-month. */
  unit: string;
  /** The price of `unit_quantity` units, in cents. */
  unit_amount_cents: number;
  unit_quantity: number;
  /** Units included in the plan every month before any charge. */
  included_quantity: number;
  position: number;
}

export interface InvoicesTable {
  id: string;
  organization_id: string;
  /** Human-readable, e.g. `ACME-202611`. */
  number: string;
  period_start: string;
  period_end: string;
  /** The plan at the period's close. */
  plan: Plan;
  currency: string;
  status: "issued";
  subtotal_cents: number;
  total_cents: number;
  created_at: string;
}

export interface InvoiceLineItemsTable {
  id: string;
  invoice_id: string;
  position: number;
  service: string;
  metric: string;
  dimension: string;
  description: string;
  /** Used units (before the included quantity is taken off). */
  quantity: number;
  unit: string;
  unit_amount_cents: number;
  unit_quantity: number;
  included_quantity: number;
  amount_cents: number;
}

export interface BudgetsTable {
  organization_id: string;
  amount_cents: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

/** One row per alert sent: the key (organization, period, threshold) makes each fire once. */
export interface BudgetAlertsTable {
  organization_id: string;
  /** `YYYY-MM` (UTC). */
  period: string;
  /** 50, 75 or 100 (percent of the budget). */
  threshold: number;
  budget_cents: number;
  spend_cents: number;
  created_at: string;
}
