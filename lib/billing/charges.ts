import type { Plan } from "@/lib/db/schema";
import type { LineItemDto } from "@/lib/schemas/billing";
import { GB_MONTH_SECONDS, HOUR_SECONDS, PLAN_NAMES, type PriceRow, priceFor } from "./price-list";

/** Metered quantities of one organization's live usage in (part of) a billing period. */
export interface PeriodUsage {
  /** Live requests made with API keys (sandbox and dashboard traffic is never billed). */
  requests: number;
  resources: Array<{ type: string; size: string; seconds: number; gbSeconds: number }>;
}

/** A stretch of the period under one plan, [start, end). */
export interface PlanSegment {
  plan: Plan;
  start: Date;
  end: Date;
}

export interface Charges {
  lines: LineItemDto[];
  total_cents: number;
}

/**
 * round(base × unitAmount / (unitQuantity × scale)), half up, in exact integer arithmetic (BigInt),
 * where `base` is in the smallest measured unit (requests, seconds, GB-seconds).
 */
export function amountFor(base: number, price: PriceRow, scale: number): number {
  if (base <= 0 || price.unit_amount_cents === 0) return 0;
  const numerator = BigInt(Math.round(base)) * BigInt(price.unit_amount_cents) * 2n;
  const denominator = BigInt(price.unit_quantity) * BigInt(scale) * 2n;
  return Number((numerator + denominator / 2n) / denominator);
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

const RESOURCE_METRICS: Record<string, { metric: string; gb: boolean } | undefined> = {
  instance: { metric: "instance_hours", gb: false },
  volume: { metric: "volume_gb_months", gb: true },
  bucket: { metric: "bucket_hours", gb: false },
  load_balancer: { metric: "load_balancer_hours", gb: false },
  network: { metric: "network_hours", gb: false },
};

function dayLabel(date: Date): string {
  return date.toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * Prices a period (or its part so far): the plan fee pro rata per plan segment (to the second),
 * requests and storage over the closing plan's included quantities, resource time by type and
 * size. Each line is rounded to whole cents on its own and the total is their sum, so an invoice
 * always adds up exactly.
 */
export function computeCharges(input: {
  prices: readonly PriceRow[];
  period: { start: Date; end: Date };
  segments: readonly PlanSegment[];
  /** The plan whose prices and quotas apply to usage (the plan at the period's close). */
  plan: Plan;
  usage: PeriodUsage;
}): Charges {
  const { prices, period, segments, plan, usage } = input;
  const lines: LineItemDto[] = [];
  const periodSeconds = (period.end.getTime() - period.start.getTime()) / 1000;

  for (const segment of segments) {
    const price = priceFor(prices, segment.plan, "base_fee");
    if (!price) continue;
    const seconds = Math.max(0, (segment.end.getTime() - segment.start.getTime()) / 1000);
    if (seconds === 0) continue;
    const whole = seconds === periodSeconds;
    const lastDay = new Date(segment.end.getTime() - 1);
    lines.push({
      service: price.service,
      metric: price.metric,
      dimension: segment.plan,
      description: whole
        ? `${PLAN_NAMES[segment.plan]} plan`
        : `${PLAN_NAMES[segment.plan]} plan (${dayLabel(segment.start)} – ${dayLabel(lastDay)}, pro rata)`,
      quantity: round6(seconds / periodSeconds),
      unit: price.unit,
      unit_amount_cents: price.unit_amount_cents,
      unit_quantity: price.unit_quantity,
      included_quantity: 0,
      amount_cents: amountFor(seconds, price, periodSeconds),
    });
  }

  const requestPrice = priceFor(prices, plan, "requests");
  if (requestPrice && usage.requests > 0) {
    const billable = Math.max(0, usage.requests - requestPrice.included_quantity);
    lines.push({
      service: requestPrice.service,
      metric: requestPrice.metric,
      dimension: "",
      description: requestPrice.description,
      quantity: usage.requests,
      unit: requestPrice.unit,
      unit_amount_cents: requestPrice.unit_amount_cents,
      unit_quantity: requestPrice.unit_quantity,
      included_quantity: requestPrice.included_quantity,
      amount_cents: amountFor(billable, requestPrice, 1),
    });
  }

  // Resource time per metric and dimension (sizes of instances; one line for other types).
  const merged = new Map<
    string,
    { metric: string; dimension: string; gb: boolean; base: number }
  >();
  for (const item of usage.resources) {
    const kind = RESOURCE_METRICS[item.type];
    if (!kind) continue;
    const dimension = kind.metric === "instance_hours" ? item.size : "";
    const id = `${kind.metric}|${dimension}`;
    const entry = merged.get(id) ?? { metric: kind.metric, dimension, gb: kind.gb, base: 0 };
    entry.base += kind.gb ? item.gbSeconds : item.seconds;
    merged.set(id, entry);
  }
  const ordered = [...merged.values()].sort((a, b) => {
    const pa = priceFor(prices, plan, a.metric, a.dimension)?.position ?? 999;
    const pb = priceFor(prices, plan, b.metric, b.dimension)?.position ?? 999;
    return pa - pb;
  });
  for (const entry of ordered) {
    if (entry.base <= 0) continue;
    const price = priceFor(prices, plan, entry.metric, entry.dimension);
    if (!price) continue;
    const scale = entry.gb ? GB_MONTH_SECONDS : HOUR_SECONDS;
    const includedBase = price.included_quantity * scale;
    lines.push({
      service: price.service,
      metric: price.metric,
      dimension: price.dimension,
      description: price.description,
      quantity: round6(entry.base / scale),
      unit: price.unit,
      unit_amount_cents: price.unit_amount_cents,
      unit_quantity: price.unit_quantity,
      included_quantity: price.included_quantity,
      amount_cents: amountFor(Math.max(0, entry.base - includedBase), price, scale),
    });
  }

  return { lines, total_cents: lines.reduce((sum, line) => sum + line.amount_cents, 0) };
}

/** Totals per service, in the order services first appear. */
export function byService(
  lines: readonly LineItemDto[],
): Array<{ service: string; amount_cents: number }> {
  const totals = new Map<string, number>();
  for (const line of lines)
    totals.set(line.service, (totals.get(line.service) ?? 0) + line.amount_cents);
  return [...totals.entries()].map(([service, amount_cents]) => ({ service, amount_cents }));
}
