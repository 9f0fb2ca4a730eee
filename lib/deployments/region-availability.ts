import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { validationFailed } from "@/lib/errors";
import { findRegion, REGIONS } from "@/lib/regions/catalog";

/**
 * Each region's availability now: the catalogue's, unless an operator took it out (or put it
 * back) with `npm run admin -- set-region`. Read from the store on every call, so a change made
 * by any process is seen by every server at its next request: no cache to invalidate.
 */
export async function regionAvailability(db: Kysely<Database>): Promise<Map<string, boolean>> {
  const overrides = await db.selectFrom("region_overrides").selectAll().execute();
  const bySlug = new Map(overrides.map((row) => [row.slug, Number(row.available) === 1]));
  return new Map(REGIONS.map((r) => [r.slug, bySlug.get(r.slug) ?? r.available]));
}

/** 422 naming every region of the list that is unknown or unavailable (and any repeated one). */
export function requireUsableRegions(
  regions: readonly string[],
  availability: ReadonlyMap<string, boolean>,
  field = "regions",
): void {
  const errors = [];
  const seen = new Set<string>();
  for (const [i, slug] of regions.entries()) {
    const at = `${field}[${i}]`;
    if (!findRegion(slug)) {
      errors.push({
        field: at,
        code: "invalid_region",
        message: `region ${JSON.stringify(slug)} is not a region; see GET /v1/regions`,
      });
    } else if (availability.get(slug) !== true) {
      errors.push({
        field: at,
        code: "region_unavailable",
        message: `region ${slug} is not available at the moment`,
      });
    } else if (seen.has(slug)) {
      errors.push({
        field: at,
        code: "duplicate_region",
        message: `region ${slug} is listed twice`,
      });
    }
    seen.add(slug);
  }
  if (errors.length > 0) throw validationFailed(errors);
}
