import { type DomainContext, requireScope } from "@/lib/principal";
import { requireEndpoint } from "./endpoint-store";
import type { WebhookEndpointRow } from "./endpoint-view";

export async function getWebhookEndpoint(
  ctx: DomainContext,
  id: string,
): Promise<WebhookEndpointRow> {
  requireScope(ctx.principal, "webhooks:read");
  return requireEndpoint(ctx.db, ctx.principal, id);
}
