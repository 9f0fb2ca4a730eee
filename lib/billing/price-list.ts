import type { Kysely } from "kysely";
import type { Database, Plan } from "@/lib/db/schema";
import type { PricesTable } from "@/lib/db/schema-billing";
import { PLAN_LIMITS } from "@/lib/ratelimit/limits";

export type PriceRow = PricesTable;

export const PLAN_ORDER: readonly Plan[] = ["free", "pro", "enterprise"];

export const PLAN_NAMES: Record<Plan, string> = {
  free: "Free",
  pro: "Pro",
  enterprise: "Enterprise",
};

export const PLAN_SUMMARIES: Record<Plan, string> = {
  free: "For trying things out: 100 requests per minute, community support.",
  pro: "For production: 10,000 requests per minute, priority e-mail support (4-hour SLA).",
  enterprise: "For scale: 100,000 requests per minute, a dedicated channel and on-call support.",
};

/** Hours in a billing GB-month (the industry's 730-hour month), in seconds. */
export const GB_MONTH_SECONDS = 730 * 3600;
export const HOUR_SECONDS = 3600;

/** The price list as seeded by migration 0005 (and editable by an operator in the table). */
export async function loadPriceList(db: Kysely<Database>): Promise<PriceRow[]> {
  const rows = await db
    .selectFrom("prices")
    .selectAll()
    .orderBy("plan")
    .orderBy("position")
    .execute();
  return rows.map((row) => ({
    ...row,
    unit_amount_cents: Number(row.unit_amount_cents),
    unit_quantity: Number(row.unit_quantity),
    included_quantity: Number(row.included_quantity),
  }));
}

export function pricesOf(prices: readonly PriceRow[], plan: Plan): PriceRow[] {
  return prices.filter((p) => p.plan === plan);
}

export function priceFor(
  prices: readonly PriceRow[],
  plan: Plan,
  metric: string,
  dimension = "",
): PriceRow | undefined {
  return prices.find((p) => p.plan === plan && p.metric === metric && p.dimension === dimension);
}

export function planRateLimit(plan: Plan): number {
  return PLAN_LIMITS[plan];
}
