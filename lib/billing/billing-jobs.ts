import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { Runtime } from "@/lib/runtime";
import { meterResourceUsage } from "@/lib/usage/meter-resources";
import { readWatermark } from "@/lib/usage/metering-state";
import { rollupRequestUsage } from "@/lib/usage/rollup-requests";
import { type MonthPeriod, monthOf, previousMonth } from "@/lib/usage/time-buckets";
import { checkBudgets } from "./budget-alerts";
import { issueInvoice } from "./invoices";
import { loadPriceList } from "./price-list";

export const CLOSE_PERIOD_JOB = "billing.close_period";
export const BUDGET_CHECK_JOB = "billing.budget_check";
/** Invoices wait this long after midnight UTC, so the last raw records have settled. */
const CLOSE_DELAY_MS = 10 * 60_000;
const BUDGET_EVERY_MS = 5 * 60_000;

const closeSlot = (period: MonthPeriod) => new Date(period.end.getTime() + CLOSE_DELAY_MS);

/**
 * Issues the invoices of a closed month for every organization that existed in it. Usage is
 * rolled up past the month's end first; if it cannot be (watermark short), the attempt fails and
 * the runner retries later. Returns how many invoices were issued.
 */
export async function closePeriod(
  runtime: Runtime,
  period: MonthPeriod,
  now: Date,
): Promise<number> {
  const { db, kind } = runtime.store;
  await rollupRequestUsage(db, kind, now);
  await meterResourceUsage(db, kind, now);
  for (const name of ["requests", "resources"] as const) {
    const mark = await readWatermark(db, name);
    if (!mark || mark < period.end.toISOString()) {
      throw new Error(`${name} usage is not rolled up to ${period.end.toISOString()} yet`);
    }
  }
  const prices = await loadPriceList(db);
  const organizations = await db
    .selectFrom("organizations")
    .select("id")
    .where("created_at", "<", period.end.toISOString())
    .orderBy("id")
    .execute();
  let issued = 0;
  for (const org of organizations) {
    if (await issueInvoice(db, org.id, period, prices, now)) issued += 1;
  }
  return issued;
}

export function registerBillingJobs(runtime: Runtime): void {
  const { db } = runtime.store;
  const scheduleClose = (now: Date) => {
    const runAt = closeSlot(monthOf(now));
    return enqueueJob(
      db,
      {
        type: CLOSE_PERIOD_JOB,
        payload: { period: monthOf(now).key },
        runAt,
        uniqueKey: `${CLOSE_PERIOD_JOB}@${runAt.toISOString()}`,
      },
      now,
    );
  };
  const scheduleBudget = (now: Date) => {
    const runAt = new Date(
      Math.floor(now.getTime() / BUDGET_EVERY_MS) * BUDGET_EVERY_MS + BUDGET_EVERY_MS,
    );
    return enqueueJob(
      db,
      {
        type: BUDGET_CHECK_JOB,
        payload: {},
        runAt,
        uniqueKey: `${BUDGET_CHECK_JOB}@${runAt.toISOString()}`,
      },
      now,
    );
  };

  runtime.jobs.register(CLOSE_PERIOD_JOB, async (job) => {
    // The job runs just after a month ends: the month it closes is the one before job.now.
    const period = previousMonth(monthOf(job.now));
    const issued = await closePeriod(runtime, period, job.now);
    if (issued > 0) runtime.logger.info({ period: period.key, issued }, "invoices issued");
    await scheduleClose(job.now);
  });
  runtime.jobs.register(BUDGET_CHECK_JOB, async (job) => {
    const fired = await checkBudgets(db, job.now, {
      deliver: Boolean(runtime.config.smtpUrl),
      portalUrl: runtime.config.nextAuthUrl,
    });
    if (fired > 0) runtime.logger.info({ fired }, "budget alerts sent");
    await scheduleBudget(job.now);
  });

  const now = runtime.now();
  Promise.all([scheduleClose(now), scheduleBudget(now)]).catch((error: unknown) =>
    runtime.logger.warn({ err: error }, "could not schedule billing jobs"),
  );
}
