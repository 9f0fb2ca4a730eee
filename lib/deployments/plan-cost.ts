import { type PriceRow, priceFor } from "@/lib/billing/price-list";
import type { Plan } from "@/lib/db/schema";
import type { ServiceTemplate } from "./template";

/** The hours of a billing month, as the price list counts them. */
const MONTH_HOURS = 730;

function monthly(prices: readonly PriceRow[], plan: Plan, metric: string, dimension = ""): number {
  const price = priceFor(prices, plan, metric, dimension);
  if (!price) return 0;
  const perUnit = price.unit_amount_cents / price.unit_quantity;
  return metric === "volume_gb_months" ? perUnit : perUnit * MONTH_HOURS;
}

/** What one region of a template costs a month at the plan's list prices, in cents. */
export function monthlyCostCents(
  prices: readonly PriceRow[],
  plan: Plan,
  template: ServiceTemplate | undefined,
): number {
  if (!template) return 0;
  let cents = template.count * monthly(prices, plan, "instance_hours", template.size);
  if (template.load_balancer) cents += monthly(prices, plan, "load_balancer_hours");
  if (template.volume_gb !== null) {
    cents += template.count * template.volume_gb * monthly(prices, plan, "volume_gb_months");
  }
  return Math.round(cents);
}
