import type { WebhookDeliveryStatus } from "@/lib/db/schema-webhooks";
import { inTenant } from "@/lib/db/tenant";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { WebhookDeliveryRow } from "./delivery-view";
import { requireEndpoint } from "./endpoint-store";

export interface ListDeliveriesInput {
  endpointId: string;
  page: ListQuery;
  status?: WebhookDeliveryStatus | undefined;
}

/** One endpoint's deliveries, newest first; another project's endpoint is a 404. */
export async function listWebhookDeliveries(
  ctx: DomainContext,
  input: ListDeliveriesInput,
): Promise<Page<WebhookDeliveryRow>> {
  requireScope(ctx.principal, "webhooks:read");
  const endpoint = await requireEndpoint(ctx.db, ctx.principal, input.endpointId);
  let base = ctx.db
    .selectFrom("webhook_deliveries")
    .where("endpoint_id", "=", endpoint.id)
    .where(inTenant(ctx.principal));
  if (input.status) base = base.where("status", "=", input.status);
  const rowsQuery = newestFirstWindow(base.selectAll(), "webhook_deliveries", input.page);
  const [rows, count] = await Promise.all([
    rowsQuery.execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return toPage(rows, input.page, Number(count.total));
}
