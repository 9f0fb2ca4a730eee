import type { ResourceType } from "@/lib/db/schema";
import { type DomainContext, requireScope } from "@/lib/principal";
import { findResourceView, resourceNotFound } from "./resource-store";
import type { ResourceViewRow } from "./resource-view";

/**
 * One resource of the caller's project and environment (the API's hot path: one prepared
 * primary-key read). A typed route passes its type, so /v1/volumes/{id} of an instance is a 404.
 * On SQLite the answer is there at once (no promise: each one costs the one-port server its
 * async-context hooks); `await` it either way.
 */
export function getResource(
  ctx: DomainContext,
  id: string,
  type?: ResourceType,
): ResourceViewRow | Promise<ResourceViewRow> {
  requireScope(ctx.principal, "resources:read");
  const found = findResourceView(ctx.db, ctx.principal, id, type);
  if (found instanceof Promise) {
    return found.then((row) => {
      if (!row) throw resourceNotFound(id, type);
      return row;
    });
  }
  if (!found) throw resourceNotFound(id, type);
  return found;
}
