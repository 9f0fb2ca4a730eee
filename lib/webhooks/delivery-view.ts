import type { WebhookDeliveriesTable } from "@/lib/db/schema-webhooks";
import type { WebhookDeliveryDto } from "@/lib/schemas/webhooks";

export type WebhookDeliveryRow = WebhookDeliveriesTable;

export function toDeliveryView(row: WebhookDeliveryRow): WebhookDeliveryDto {
  return {
    id: row.id,
    object: "webhook_delivery",
    endpoint_id: row.endpoint_id,
    event_id: row.event_id,
    event_type: row.event_type,
    status: row.status,
    attempts: Number(row.attempts),
    next_attempt_at: row.next_attempt_at,
    last_attempt_at: row.last_attempt_at,
    response_status: row.response_status === null ? null : Number(row.response_status),
    response_latency_ms: row.response_latency_ms === null ? null : Number(row.response_latency_ms),
    response_body_excerpt: row.response_excerpt,
    error: row.error,
    created_at: row.created_at,
    updated_at: row.updated_at,
    completed_at: row.completed_at,
  };
}
