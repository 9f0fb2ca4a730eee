import { type DomainContext, requireScope } from "@/lib/principal";
import { SANDBOX_LIMIT } from "@/lib/ratelimit/limits";
import type { PriceListDto } from "@/lib/schemas/billing";
import {
  loadPriceList,
  PLAN_NAMES,
  PLAN_ORDER,
  PLAN_SUMMARIES,
  type PriceRow,
  planRateLimit,
  priceFor,
} from "./price-list";

export function priceDto(row: PriceRow): PriceListDto["data"][number] {
  return {
    id: row.id,
    plan: row.plan,
    service: row.service,
    metric: row.metric,
    dimension: row.dimension,
    description: row.description,
    unit: row.unit,
    unit_amount_cents: row.unit_amount_cents,
    unit_quantity: row.unit_quantity,
    included_quantity: row.included_quantity,
  };
}

/** GET /v1/billing/prices: every plan (fee, limits, quotas) and every price. */
export async function getPriceList(ctx: DomainContext): Promise<PriceListDto> {
  requireScope(ctx.principal, "billing:read");
  const prices = await loadPriceList(ctx.db);
  return {
    object: "price_list",
    currency: "usd",
    current_plan: ctx.principal.plan,
    plans: PLAN_ORDER.map((plan) => ({
      id: plan,
      name: PLAN_NAMES[plan],
      description: PLAN_SUMMARIES[plan],
      monthly_fee_cents: priceFor(prices, plan, "base_fee")?.unit_amount_cents ?? 0,
      rate_limit_per_minute: planRateLimit(plan),
      sandbox_rate_limit_per_minute: SANDBOX_LIMIT,
      included: prices
        .filter((p) => p.plan === plan && p.included_quantity > 0)
        .map((p) => ({
          metric: p.metric,
          description: p.description,
          quantity: p.included_quantity,
          unit: p.unit,
        })),
    })),
    data: prices.map(priceDto),
  };
}
