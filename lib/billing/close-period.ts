import type { Kysely } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import { meterResourceUsage } from "@/lib/usage/meter-resources";
import { readWatermark } from "@/lib/usage/metering-state";
import { rollupRequestUsage } from "@/lib/usage/rollup-requests";
import type { MonthPeriod } from "@/lib/usage/time-buckets";
import { issueInvoice } from "./invoices";
import { loadPriceList } from "./price-list";

/**
 * Issues the invoices of a closed month for every organization that existed in it. Usage is
 * rolled up past the month's end first; if it cannot be (watermark short), the attempt fails and
 * the runner retries later. Returns how many invoices were issued.
 */
export async function closePeriod(
  store: { db: Kysely<Database>; kind: StoreKind },
  period: MonthPeriod,
  now: Date,
): Promise<number> {
  const { db, kind } = store;
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
