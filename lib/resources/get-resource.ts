import type { ResourceType } from "@/lib/db/schema";
import { type DomainContext, requireScope } from "@/lib/principal";
import { findResourceView, resourceNotFound } from "./resource-store";
import type { ResourceViewRow } from "./resource-view";

/**
 * One resource of the caller's project and environment (the API's hot path: one prepared
 * primary-key read). A typed route passes its type, so /v1/volumes/{id} of an instance is a 404.
 */
export async function getResource(
  ctx: DomainContext,
  id: string,
  type?: ResourceType,
): Promise<ResourceViewRow> {
  requireScope(ctx.principal, "resources:read");
  const row = await findResourceView(ctx.db, ctx.principal, id, type);
  if (!row) throw resourceNotFound(id, type);
  return row;
}
