import { fromJson } from "@/lib/db/json";
import type { WebhookEndpointsTable } from "@/lib/db/schema-webhooks";
import type { WebhookEndpointDto } from "@/lib/schemas/webhooks";
import { WEBHOOK_SECRET_PREFIX } from "./secret-box";

export type WebhookEndpointRow = WebhookEndpointsTable;

/** The API's view of an endpoint: never the secret itself, only a hint to tell secrets apart. */
export function toEndpointView(row: WebhookEndpointRow): WebhookEndpointDto {
  return {
    id: row.id,
    object: "webhook_endpoint",
    url: row.url,
    description: row.description,
    enabled_events: fromJson<string[]>(row.enabled_events, []),
    environment: row.environment,
    status: row.status,
    disabled_reason: row.disabled_reason,
    disabled_at: row.disabled_at,
    secret_hint: `${WEBHOOK_SECRET_PREFIX}...${row.secret_last4}`,
    previous_secret_expires_at: row.previous_secret_expires_at,
    consecutive_failures: Number(row.consecutive_failures),
    last_success_at: row.last_success_at,
    last_failure_at: row.last_failure_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
