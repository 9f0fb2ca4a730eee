import type { Updateable } from "kysely";
import { toJson } from "@/lib/db/json";
import type { WebhookEndpointsTable } from "@/lib/db/schema-webhooks";
import { inTenant } from "@/lib/db/tenant";
import { requireScope } from "@/lib/principal";
import { requireEndpoint } from "./endpoint-store";
import type { WebhookEndpointRow } from "./endpoint-view";
import { recordEndpointChange } from "./record-endpoint-change";
import { acceptedEvents, acceptedUrl } from "./validate-input";
import type { WebhookContext } from "./webhook-context";

export interface UpdateEndpointInput {
  id: string;
  url?: string | undefined;
  description?: string | undefined;
  enabledEvents?: string[] | undefined;
  status?: "enabled" | "disabled" | undefined;
}

/** The columns that turn an endpoint on again: the failure count starts over. */
export function enabledColumns(at: string): Updateable<WebhookEndpointsTable> {
  return {
    status: "enabled",
    disabled_reason: null,
    disabled_at: null,
    consecutive_failures: 0,
    updated_at: at,
  };
}

/**
 * Changes the URL, description or events, or turns the endpoint off or on. Only the columns
 * given are written, so a delivery counting a failure at the same moment is never overwritten.
 */
export async function updateWebhookEndpoint(
  ctx: WebhookContext,
  input: UpdateEndpointInput,
): Promise<WebhookEndpointRow> {
  const { principal } = ctx;
  requireScope(principal, "webhooks:write");
  const url = input.url === undefined ? undefined : acceptedUrl(input.url, ctx.webhooks);
  const events =
    input.enabledEvents === undefined ? undefined : acceptedEvents(input.enabledEvents);
  const at = ctx.now.toISOString();

  return ctx.db.transaction().execute(async (trx) => {
    const before = await requireEndpoint(trx, principal, input.id);
    const changes: Updateable<WebhookEndpointsTable> = {};
    if (url !== undefined && url !== before.url) changes.url = url;
    if (input.description !== undefined && input.description.trim() !== before.description)
      changes.description = input.description.trim();
    if (events !== undefined && toJson(events) !== before.enabled_events)
      changes.enabled_events = toJson(events);
    let statusEvent: string | null = null;
    if (input.status === "enabled" && before.status === "disabled") {
      Object.assign(changes, enabledColumns(at));
      statusEvent = "webhook_endpoint.enabled";
    } else if (input.status === "disabled" && before.status === "enabled") {
      Object.assign(changes, {
        status: "disabled",
        disabled_reason: "disabled_by_user",
        disabled_at: at,
      } satisfies Updateable<WebhookEndpointsTable>);
      statusEvent = "webhook_endpoint.disabled";
    }
    const changed = Object.keys(changes).filter(
      (name) => name !== "updated_at" && name !== "consecutive_failures",
    );
    if (changed.length === 0) return before;
    changes.updated_at = at;
    const row = await trx
      .updateTable("webhook_endpoints")
      .set(changes)
      .where("id", "=", before.id)
      .where(inTenant(principal))
      .returningAll()
      .executeTakeFirstOrThrow();
    const fields = changed.filter(
      (name) => !["status", "disabled_reason", "disabled_at"].includes(name),
    );
    if (fields.length > 0)
      await recordEndpointChange(
        trx,
        ctx,
        row,
        "webhook_endpoint.updated",
        { changed: fields },
        before,
      );
    if (statusEvent) await recordEndpointChange(trx, ctx, row, statusEvent, {}, before);
    return row;
  });
}
