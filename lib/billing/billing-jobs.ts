import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { Runtime } from "@/lib/runtime";
import { type MonthPeriod, monthOf, previousMonth } from "@/lib/usage/time-buckets";
import { checkBudgets } from "./budget-alerts";
import { closePeriod } from "./close-period";
import "./demo-seed";

export const CLOSE_PERIOD_JOB = "billing.close_period";
export const BUDGET_CHECK_JOB = "billing.budget_check";
/** Invoices wait this long after midnight UTC, so the last raw records have settled. */
const CLOSE_DELAY_MS = 10 * 60_000;
const BUDGET_EVERY_MS = 5 * 60_000;

const closeSlot = (period: MonthPeriod) => new Date(period.end.getTime() + CLOSE_DELAY_MS);

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
