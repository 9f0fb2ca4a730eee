import type { Kysely } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import type { MeteringStateTable } from "@/lib/db/schema-billing";

type MeterName = MeteringStateTable["name"];

/**
 * The watermark, locked for the rest of the caller's transaction on PostgreSQL so a second
 * instance's run waits and then sees the advanced value (SQLite has a single writer anyway).
 */
export async function readWatermarkForUpdate(
  trx: Kysely<Database>,
  kind: StoreKind,
  name: MeterName,
): Promise<string | null> {
  const row = await trx
    .selectFrom("metering_state")
    .select("watermark")
    .where("name", "=", name)
    .$if(kind === "postgres", (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw new Error(`metering_state row ${name} is missing`);
  return row.watermark;
}

export async function readWatermark(db: Kysely<Database>, name: MeterName): Promise<string | null> {
  const row = await db
    .selectFrom("metering_state")
    .select("watermark")
    .where("name", "=", name)
    .executeTakeFirst();
  return row?.watermark ?? null;
}

export async function writeWatermark(
  trx: Kysely<Database>,
  name: MeterName,
  watermark: Date,
  now: Date,
): Promise<void> {
  await trx
    .updateTable("metering_state")
    .set({
      watermark: watermark.toISOString(),
      watermark_ms: watermark.getTime(),
      updated_at: now.toISOString(),
    })
    .where("name", "=", name)
    .execute();
}

/** One meter's incremental run: what it covers and how it meters a stretch of time. */
export interface MeterRun {
  name: MeterName;
  /** Where this run stops (exclusive). */
  target: Date;
  /** How far before the watermark each run starts again (buckets are replaced, never added to). */
  recheckMs: number;
  /** The most one transaction covers (a backfill goes on in further transactions). */
  sliceMs: number;
  /** Where a first run starts (the oldest data, floored to a bucket); null when there is none. */
  firstStart(trx: Kysely<Database>): Promise<Date | null>;
  /** Meters [from, to) in the slice's transaction. */
  meterSlice(trx: Kysely<Database>, from: Date, to: Date): Promise<void>;
}

export interface MeterRunResult {
  /** The watermark before and after; equal when there was nothing new. */
  from: string | null;
  to: string | null;
  slices: number;
}

/**
 * Meters from the stored watermark up to the run's target, one slice per transaction. Each slice
 * first locks the watermark (readWatermarkForUpdate), so with several instances a second runner
 * that waited finds the watermark moved on and redoes nothing new. A store with no watermark yet
 * starts at its oldest data; one with no data at all only records the target.
 */
export async function meterFromWatermark(
  db: Kysely<Database>,
  kind: StoreKind,
  now: Date,
  run: MeterRun,
): Promise<MeterRunResult> {
  let first: string | null | undefined;
  let last: string | null = null;
  let slices = 0;
  for (;;) {
    const done = await db.transaction().execute(async (trx) => {
      const watermark = await readWatermarkForUpdate(trx, kind, run.name);
      if (first === undefined) first = watermark;
      last = watermark;
      const start = watermark
        ? new Date(new Date(watermark).getTime() - run.recheckMs)
        : ((await run.firstStart(trx)) ?? run.target);
      const resumeAt = watermark ? new Date(watermark) : start;
      if (resumeAt.getTime() >= run.target.getTime()) {
        if (!watermark) await writeWatermark(trx, run.name, run.target, now);
        return true;
      }
      const end = new Date(Math.min(run.target.getTime(), resumeAt.getTime() + run.sliceMs));
      await run.meterSlice(trx, start, end);
      await writeWatermark(trx, run.name, end, now);
      last = end.toISOString();
      slices += 1;
      return end.getTime() >= run.target.getTime();
    });
    if (done) break;
  }
  return { from: first ?? null, to: last, slices };
}
