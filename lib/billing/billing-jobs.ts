import type { StoreKind } from "@/lib/db/client";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { type MonthPeriod, monthOf, previousMonth } from "@/lib/usage/time-buckets";
import { checkBudgets } from "./budget-alerts";
import { closePeriod } from "./close-period";

export const CLOSE_PERIOD_JOB = "billing.close_period";
export const BUDGET_CHECK_JOB = "billing.budget_check";
/** Invoices wait this long after midnight UTC, so the last raw records have settled. */
const CLOSE_DELAY_MS = 10 * 60_000;
const BUDGET_EVERY_MS = 5 * 60_000;

const closeSlot = (period: MonthPeriod) => new Date(period.end.getTime() + CLOSE_DELAY_MS);

export interface BillingJobDeps extends JobDeps {
  storeKind: StoreKind;
  /** Budget alerts are sent over SMTP as well as stored. */
  deliverEmail: boolean;
  /** The portal's URL for links in alerts (NEXTAUTH_URL), if known. */
  portalUrl: string | undefined;
}

export function registerBillingJobs(deps: BillingJobDeps): Promise<void> {
  const { db, logger } = deps;
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

  deps.jobs.register(CLOSE_PERIOD_JOB, async (job) => {
    // The job runs just after a month ends: the month it closes is the one before job.now.
    const period = previousMonth(monthOf(job.now));
    const issued = await closePeriod({ db, kind: deps.storeKind }, period, job.now);
    if (issued > 0) logger.info({ period: period.key, issued }, "invoices issued");
    await scheduleClose(job.now);
  });
  deps.jobs.register(BUDGET_CHECK_JOB, async (job) => {
    const fired = await checkBudgets(db, job.now, {
      deliver: deps.deliverEmail,
      portalUrl: deps.portalUrl,
    });
    if (fired > 0) logger.info({ fired }, "budget alerts sent");
    await scheduleBudget(job.now);
  });

  const now = deps.now();
  return Promise.all([scheduleClose(now), scheduleBudget(now)]).then(
    () => undefined,
    (error: unknown) => logger.warn({ err: error }, "could not schedule billing jobs"),
  );
}
