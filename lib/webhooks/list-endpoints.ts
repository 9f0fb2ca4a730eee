import type { WebhookEndpointStatus } from "@/lib/db/schema-webhooks";
import { inTenant } from "@/lib/db/tenant";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { WebhookEndpointRow } from "./endpoint-view";

export interface ListEndpointsInput {
  page: ListQuery;
  status?: WebhookEndpointStatus | undefined;
}

/** The project's endpoints in the caller's environment, newest first, in either pagination style. */
export async function listWebhookEndpoints(
  ctx: DomainContext,
  input: ListEndpointsInput,
): Promise<Page<WebhookEndpointRow>> {
  requireScope(ctx.principal, "webhooks:read");
  let base = ctx.db.selectFrom("webhook_endpoints").where(inTenant(ctx.principal));
  if (input.status) base = base.where("status", "=", input.status);
  const rowsQuery = newestFirstWindow(base.selectAll(), "webhook_endpoints", input.page);
  const [rows, count] = await Promise.all([
    rowsQuery.execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return toPage(rows, input.page, Number(count.total));
}
