import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { REGIONS } from "./catalog";

/** The catalogue with each region's availability now (an operator's override wins). */
export async function listRegions(db: Kysely<Database>) {
  const overrides = await db.selectFrom("region_overrides").selectAll().execute();
  const bySlug = new Map(overrides.map((row) => [row.slug, Number(row.available) === 1]));
  return REGIONS.map((r) => ({
    ...r,
    available: bySlug.get(r.slug) ?? r.available,
    resource_types: [...r.resource_types],
  }));
}
