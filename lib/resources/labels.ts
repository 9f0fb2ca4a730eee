import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { inTenant, tenantOfRow } from "@/lib/db/tenant";
import type { ResourceRow } from "./resource-store";

/** Replaces the label rows that `label=key:value` filters use; the JSON column is the read copy. */
export async function writeLabelRows(
  trx: Kysely<Database>,
  row: Pick<ResourceRow, "id" | "project_id" | "environment">,
  labels: Record<string, string>,
  replace: boolean,
): Promise<void> {
  if (replace) {
    await trx
      .deleteFrom("resource_labels")
      .where("resource_id", "=", row.id)
      .where(inTenant(tenantOfRow(row)))
      .execute();
  }
  const entries = Object.entries(labels);
  if (entries.length === 0) return;
  await trx
    .insertInto("resource_labels")
    .values(
      entries.map(([key, value]) => ({
        resource_id: row.id,
        project_id: row.project_id,
        environment: row.environment,
        key,
        value,
      })),
    )
    .execute();
}
