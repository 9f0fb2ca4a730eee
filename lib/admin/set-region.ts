import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { findRegion } from "@/lib/regions/catalog";

/**
 * An operator takes a region out (or puts it back). Stored, and read from the store by every
 * request that asks (GET /v1/regions, resource creation, deployments), so every running server
 * sees it at its next request. Resources already there keep running.
 */
export async function setRegionStatus(
  db: Kysely<Database>,
  input: { region: string; available: boolean; now: Date },
): Promise<void> {
  if (!findRegion(input.region)) {
    throw new AppError(
      "validation_failed",
      `region ${JSON.stringify(input.region)} is not a region`,
    );
  }
  const values = {
    slug: input.region,
    available: input.available ? 1 : 0,
    updated_at: input.now.toISOString(),
  };
  await db
    .insertInto("region_overrides")
    .values(values)
    .onConflict((oc) =>
      oc.column("slug").doUpdateSet({ available: values.available, updated_at: values.updated_at }),
    )
    .execute();
}
