import { type DomainContext, requireScope } from "@/lib/principal";
import type { BillingSummaryDto } from "@/lib/schemas/billing";
import { inUsageSnapshot } from "@/lib/usage/get-usage";
import { monthOf } from "@/lib/usage/time-buckets";
import { byService } from "./charges";
import { chargesUpTo, forecastCharges } from "./period-charges";
import { GB_MONTH_SECONDS, loadPriceList, PLAN_NAMES, planRateLimit, priceFor } from "./price-list";

const round6 = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * GET /v1/billing/summary: the organization's live usage this UTC month priced so far, the
 * forecast to the month's end, how much of the plan's included quantities is used, and the budget.
 */
export async function getBillingSummary(ctx: DomainContext): Promise<BillingSummaryDto> {
  requireScope(ctx.principal, "billing:read");
  const organizationId = ctx.principal.organizationId;
  const period = monthOf(ctx.now);
  const prices = await loadPriceList(ctx.db);
  const { soFar, forecast, budget } = await inUsageSnapshot(ctx.db, async (trx) => {
    const soFar = await chargesUpTo(trx, organizationId, period, ctx.now, prices);
    const forecast = await forecastCharges(trx, organizationId, period, ctx.now, soFar, prices);
    const budget = await trx
      .selectFrom("budgets")
      .select("amount_cents")
      .where("organization_id", "=", organizationId)
      .executeTakeFirst();
    return { soFar, forecast, budget };
  });
  const plan = soFar.plan;
  const included: BillingSummaryDto["included"] = [];
  const requestPrice = priceFor(prices, plan, "requests");
  if (requestPrice) {
    included.push({
      metric: "requests",
      description: requestPrice.description,
      unit: requestPrice.unit,
      included: requestPrice.included_quantity,
      used: soFar.usage.requests,
      remaining: Math.max(0, requestPrice.included_quantity - soFar.usage.requests),
    });
  }
  const storagePrice = priceFor(prices, plan, "volume_gb_months");
  if (storagePrice) {
    const used = round6(
      soFar.usage.resources
        .filter((r) => r.type === "volume")
        .reduce((sum, r) => sum + r.gbSeconds, 0) / GB_MONTH_SECONDS,
    );
    included.push({
      metric: "volume_gb_months",
      description: storagePrice.description,
      unit: storagePrice.unit,
      included: storagePrice.included_quantity,
      used,
      remaining: round6(Math.max(0, storagePrice.included_quantity - used)),
    });
  }
  const budgetCents = budget ? Number(budget.amount_cents) : null;
  return {
    object: "billing_summary",
    organization_id: organizationId,
    plan,
    plan_name: PLAN_NAMES[plan],
    rate_limit_per_minute: planRateLimit(plan),
    currency: "usd",
    period: { start: period.start.toISOString(), end: period.end.toISOString() },
    as_of: ctx.now.toISOString(),
    month_to_date: {
      total_cents: soFar.charges.total_cents,
      by_service: byService(soFar.charges.lines),
      line_items: soFar.charges.lines,
    },
    forecast: {
      total_cents: forecast.total_cents,
      by_service: byService(forecast.lines),
      line_items: forecast.lines,
    },
    included,
    budget:
      budgetCents === null
        ? null
        : {
            amount_cents: budgetCents,
            spent_ratio: Math.round((soFar.charges.total_cents / budgetCents) * 1e4) / 1e4,
          },
  };
}
