import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { sendEmail } from "@/lib/email/send-email";
import { monthOf } from "@/lib/usage/time-buckets";
import { BUDGET_THRESHOLDS, monthToDateCents } from "./budgets";

const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/**
 * Compares every budget with its organization's month-to-date spend and alerts owners and billing
 * members by e-mail at 50, 75 and 100%. The alert row's key (organization, month, threshold) is
 * claimed with INSERT ... ON CONFLICT DO NOTHING in the same transaction as the mails, so each
 * threshold fires once per month even with several instances checking at once.
 * Returns how many alerts fired.
 */
export async function checkBudgets(
  db: Kysely<Database>,
  now: Date,
  options: { deliver: boolean; portalUrl?: string },
): Promise<number> {
  const period = monthOf(now);
  const budgets = await db
    .selectFrom("budgets")
    .innerJoin("organizations", "organizations.id", "budgets.organization_id")
    .select(["budgets.organization_id", "budgets.amount_cents", "organizations.name"])
    .execute();
  let fired = 0;
  for (const budget of budgets) {
    const amount = Number(budget.amount_cents);
    if (amount <= 0) continue;
    const spend = await monthToDateCents(db, budget.organization_id, now);
    const crossed = BUDGET_THRESHOLDS.filter((t) => spend * 100 >= t * amount);
    if (crossed.length === 0) continue;
    fired += await db.transaction().execute(async (trx) => {
      let count = 0;
      const recipients = await trx
        .selectFrom("memberships")
        .innerJoin("users", "users.id", "memberships.user_id")
        .select("users.email")
        .where("memberships.organization_id", "=", budget.organization_id)
        .where("memberships.role", "in", ["owner", "billing"])
        .execute();
      for (const threshold of crossed) {
        const claimed = await trx
          .insertInto("budget_alerts")
          .values({
            organization_id: budget.organization_id,
            period: period.key,
            threshold,
            budget_cents: amount,
            spend_cents: spend,
            created_at: now.toISOString(),
          })
          .onConflict((oc) => oc.columns(["organization_id", "period", "threshold"]).doNothing())
          .returning("threshold")
          .executeTakeFirst();
        if (!claimed) continue;
        count += 1;
        for (const recipient of recipients) {
          await sendEmail(
            trx,
            {
              organizationId: budget.organization_id,
              to: recipient.email,
              subject: `Budget alert: ${threshold}% of ${budget.name}'s ${period.key} budget`,
              text: [
                `${budget.name} has spent ${dollars(spend)} so far in ${period.key} (UTC),`,
                `${threshold}% or more of its monthly budget of ${dollars(amount)}.`,
                "",
                "Sandbox traffic is never billed. See usage and the forecast on the billing page",
                `${options.portalUrl ?? ""}/dashboard/billing.`,
              ].join("\n"),
            },
            { now, deliver: options.deliver },
          );
        }
      }
      return count;
    });
  }
  return fired;
}
