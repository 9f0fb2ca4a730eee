import { TYPE_LABELS } from "@/lib/catalog/resources";
import { conflict } from "@/lib/errors";
import type { ResourceRow } from "./resource-store";

/** Actions and resizes need a resource that finished provisioning and did not fail. */
export function requireSettled(row: ResourceRow, what: string): void {
  const label = `${TYPE_LABELS[row.type]} ${row.id}`;
  if (row.status === "provisioning") {
    throw conflict(
      `Cannot ${what}: ${label} is still provisioning; retry when its status is active`,
    );
  }
  if (row.status === "failed") {
    throw conflict(`Cannot ${what}: ${label} failed to provision; delete it and create a new one`);
  }
}
