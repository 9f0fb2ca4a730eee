import type { Kysely } from "kysely";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db/schema";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { BudgetDto } from "@/lib/schemas/billing";
import { inUsageSnapshot } from "@/lib/usage/get-usage";
import { monthOf } from "@/lib/usage/time-buckets";
import { type BillingActionContext, requireBillingManager } from "./billing-manager";
import { chargesUpTo } from "./period-charges";
import { loadPriceList } from "./price-list";

/** Alerts go out once per period at these percentages of the budget. */
export const BUDGET_THRESHOLDS = [50, 75, 100] as const;

/** Month-to-date spend of the organization's live usage, in cents. */
export async function monthToDateCents(
  db: Kysely<Database>,
  organizationId: string,
  now: Date,
): Promise<number> {
  const prices = await loadPriceList(db);
  const period = monthOf(now);
  const soFar = await inUsageSnapshot(db, (trx) =>
    chargesUpTo(trx, organizationId, period, now, prices),
  );
  return soFar.charges.total_cents;
}

async function budgetView(ctx: DomainContext): Promise<BudgetDto> {
  const organizationId = ctx.principal.organizationId;
  const period = monthOf(ctx.now);
  const budget = await ctx.db
    .selectFrom("budgets")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .executeTakeFirst();
  const alerts = await ctx.db
    .selectFrom("budget_alerts")
    .selectAll()
    .where("organization_id", "=", organizationId)
    .where("period", "=", period.key)
    .orderBy("threshold")
    .execute();
  const emails =
    alerts.length === 0
      ? []
      : await ctx.db
          .selectFrom("emails")
          .select(["id", "to_address", "status", "subject", "created_at"])
          .where("organization_id", "=", organizationId)
          .where("created_at", ">=", period.start.toISOString())
          .where("created_at", "<", period.end.toISOString())
          .where("subject", "like", "Budget alert:%")
          .execute();
  const spend = await monthToDateCents(ctx.db, organizationId, ctx.now);
  return {
    object: "budget",
    organization_id: organizationId,
    amount_cents: budget ? Number(budget.amount_cents) : null,
    thresholds: [...BUDGET_THRESHOLDS],
    period: period.key,
    spend_cents: spend,
    alerts: alerts.map((alert) => ({
      period: alert.period,
      threshold: alert.threshold,
      budget_cents: Number(alert.budget_cents),
      spend_cents: Number(alert.spend_cents),
      created_at: alert.created_at,
      emails: emails
        .filter((e) => e.subject.startsWith(`Budget alert: ${alert.threshold}% `))
        .map((e) => ({ id: e.id, to: e.to_address, status: e.status })),
    })),
    updated_at: budget?.updated_at ?? null,
  };
}

/** GET /v1/billing/budget: the monthly budget, this month's spend and the alerts sent. */
export async function getBudget(ctx: DomainContext): Promise<BudgetDto> {
  requireScope(ctx.principal, "billing:read");
  return budgetView(ctx);
}

/** PUT /v1/billing/budget: sets the monthly budget (owner or billing member in the dashboard). */
export async function setBudget(
  ctx: BillingActionContext,
  input: { amountCents: number },
): Promise<BudgetDto> {
  requireBillingManager(ctx.principal);
  const at = ctx.now.toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("budgets")
      .select("amount_cents")
      .where("organization_id", "=", ctx.principal.organizationId)
      .executeTakeFirst();
    await trx
      .insertInto("budgets")
      .values({
        organization_id: ctx.principal.organizationId,
        amount_cents: input.amountCents,
        created_at: at,
        updated_at: at,
        updated_by: ctx.principal.userId,
      })
      .onConflict((oc) =>
        oc.column("organization_id").doUpdateSet({
          amount_cents: input.amountCents,
          updated_at: at,
          updated_by: ctx.principal.userId,
        }),
      )
      .execute();
    await recordAudit(trx, ctx, {
      action: "billing.budget_set",
      organizationWide: true,
      targets: [{ type: "organization", id: ctx.principal.organizationId }],
      before: before ? { amount_cents: Number(before.amount_cents) } : null,
      after: { amount_cents: input.amountCents },
    });
  });
  return budgetView(ctx);
}

/** DELETE /v1/billing/budget: no budget, no alerts. */
export async function deleteBudget(ctx: BillingActionContext): Promise<void> {
  requireBillingManager(ctx.principal);
  await ctx.db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom("budgets")
      .where("organization_id", "=", ctx.principal.organizationId)
      .returning("amount_cents")
      .executeTakeFirst();
    if (!deleted) return;
    await recordAudit(trx, ctx, {
      action: "billing.budget_deleted",
      organizationWide: true,
      targets: [{ type: "organization", id: ctx.principal.organizationId }],
      before: { amount_cents: Number(deleted.amount_cents) },
      after: null,
    });
  });
}
