import type { Kysely } from "kysely";
import { executeCompiledOnce } from "@/lib/db/compiled-once";
import type { Database, ResourceType } from "@/lib/db/schema";
import { validationFailed } from "@/lib/errors";
import { DEFAULT_REGION, findRegion } from "@/lib/regions/catalog";

/** The region to create in: default us-east-1; unknown, unavailable or not offering the type: 422. */
export function resolveRegion(slug: string | undefined, type: ResourceType): string {
  if (slug === undefined) return DEFAULT_REGION;
  const region = findRegion(slug);
  const fail = (message: string) =>
    validationFailed([{ field: "region", code: "invalid_region", message }]);
  if (!region) {
    throw fail(`region ${JSON.stringify(slug)} is not a region; see GET /v1/regions`);
  }
  if (!region.available) throw fail(`region ${slug} is not available at the moment`);
  if (!region.resource_types.includes(type)) {
    throw fail(`region ${slug} does not offer ${type} resources`);
  }
  return slug;
}

/** 422 when an operator took the region out (npm run admin -- set-region): new provisioning fails. */
export async function requireRegionInService(db: Kysely<Database>, slug: string): Promise<void> {
  const { rows } = await executeCompiledOnce(
    db,
    "region_override",
    () => db.selectFrom("region_overrides").select("available").where("slug", "=", slug).compile(),
    [slug],
  );
  const override = rows[0];
  if (override && Number(override.available) === 0) {
    throw validationFailed([
      {
        field: "region",
        code: "invalid_region",
        message: `region ${slug} is not available at the moment`,
      },
    ]);
  }
}
