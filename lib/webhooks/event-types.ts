import type { EventTypeInfo } from "@/lib/events/event-type-registry";

/** Endpoint events carry the endpoint as shown anywhere: never its secret. */
const endpoint = (status: string, extra: Record<string, unknown> = {}) => ({
  id: "we_8TnR2vQ4LmX9cWb7",
  object: "webhook_endpoint",
  url: "https://hooks.example.com/cloud",
  description: "Alerting",
  enabled_events: ["resource.*"],
  environment: "live",
  status,
  disabled_reason: null,
  disabled_at: null,
  secret_hint: "whsec_...Qx7k",
  consecutive_failures: 0,
  last_success_at: null,
  last_failure_at: null,
  created_at: "2026-12-01T09:30:00.000Z",
  ...extra,
});

export const WEBHOOK_EVENT_TYPES: readonly EventTypeInfo[] = [
  {
    type: "webhook_endpoint.created",
    description: "A webhook endpoint was added",
    example: endpoint("enabled"),
  },
  {
    type: "webhook_endpoint.updated",
    description: "A webhook endpoint's URL, description or event list changed",
    example: endpoint("enabled"),
  },
  {
    type: "webhook_endpoint.enabled",
    description: "A webhook endpoint was enabled again; deliveries resume",
    example: endpoint("enabled"),
  },
  {
    type: "webhook_endpoint.disabled",
    description: "A webhook endpoint was disabled, by hand or after failing deliveries",
    example: endpoint("disabled", {
      disabled_reason: "consecutive_failures",
      disabled_at: "2026-12-01T12:00:00.000Z",
      consecutive_failures: 20,
    }),
  },
  {
    type: "webhook_endpoint.secret_rotated",
    description: "A webhook endpoint's signing secret was rotated",
    example: endpoint("enabled"),
  },
  {
    type: "webhook_endpoint.deleted",
    description: "A webhook endpoint was deleted",
    example: endpoint("enabled"),
  },
];
