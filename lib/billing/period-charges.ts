import type { Kysely } from "kysely";
import type { Database, Plan } from "@/lib/db/schema";
import type { MonthPeriod } from "@/lib/usage/time-buckets";
import { type Charges, computeCharges, type PeriodUsage, type PlanSegment } from "./charges";
import { billableUsage, planSegments, runningResources } from "./period-usage";
import type { PriceRow } from "./price-list";

export interface PeriodCharges {
  usage: PeriodUsage;
  segments: PlanSegment[];
  plan: Plan;
  charges: Charges;
}

/** What the period has cost up to `asOf` (the period's end for an invoice). */
export async function chargesUpTo(
  db: Kysely<Database>,
  organizationId: string,
  period: MonthPeriod,
  asOf: Date,
  prices: readonly PriceRow[],
): Promise<PeriodCharges> {
  const end = asOf < period.end ? asOf : period.end;
  const usage = await billableUsage(db, organizationId, period.start, end);
  const { segments, planAtEnd } = await planSegments(db, organizationId, period.start, end);
  const charges = computeCharges({ prices, period, segments, plan: planAtEnd, usage });
  return { usage, segments, plan: planAtEnd, charges };
}

/**
 * The period's expected total: requests continue at the month-to-date average rate, resources
 * running now keep running to the end, and the current plan's fee covers the rest of the month.
 */
export async function forecastCharges(
  db: Kysely<Database>,
  organizationId: string,
  period: MonthPeriod,
  now: Date,
  soFar: PeriodCharges,
  prices: readonly PriceRow[],
): Promise<Charges> {
  const elapsed = Math.max(1, (now.getTime() - period.start.getTime()) / 1000);
  const total = (period.end.getTime() - period.start.getTime()) / 1000;
  const remaining = Math.max(0, (period.end.getTime() - now.getTime()) / 1000);
  // Early in the month a few minutes would extrapolate wildly; wait for an hour of history.
  const requests =
    elapsed >= 3600 ? Math.round((soFar.usage.requests * total) / elapsed) : soFar.usage.requests;
  const resources = soFar.usage.resources.map((r) => ({ ...r }));
  for (const running of await runningResources(db, organizationId, now)) {
    const size = running.type === "instance" ? running.size : "";
    let entry = resources.find((r) => r.type === running.type && r.size === size);
    if (!entry) {
      entry = { type: running.type, size, seconds: 0, gbSeconds: 0 };
      resources.push(entry);
    }
    entry.seconds += Math.floor(remaining);
    entry.gbSeconds += Math.floor(remaining) * running.sizeGb;
  }
  const segments = soFar.segments.map((s) => ({ ...s }));
  const last = segments[segments.length - 1];
  if (last && last.plan === soFar.plan) last.end = period.end;
  else if (remaining > 0) segments.push({ plan: soFar.plan, start: now, end: period.end });
  return computeCharges({
    prices,
    period,
    segments,
    plan: soFar.plan,
    usage: { requests, resources },
  });
}
