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
    .set({ watermark: watermark.toISOString(), updated_at: now.toISOString() })
    .where("name", "=", name)
    .execute();
}
