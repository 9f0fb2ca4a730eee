import type { Environment } from "./schema";

/** Tables of webhooks (migration 0006), kept beside schema.ts so the shared file only lists them. */

export type WebhookEndpointStatus = "enabled" | "disabled";
/** Why an endpoint is disabled: by a person (API or dashboard), or after failing deliveries. */
export type WebhookDisabledReason = "disabled_by_user" | "consecutive_failures";
export type WebhookDeliveryStatus = "pending" | "succeeded" | "failed";

export interface WebhookEndpointsTable {
  id: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  url: string;
  description: string;
  /** JSON array: ["*"], exact types (resource.active) or families (resource.*). */
  enabled_events: string;
  status: WebhookEndpointStatus;
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: string | null;
  /** The signing secret, AES-256-GCM under a key derived from the session secret (secret-box.ts). */
  secret_ciphertext: string;
  secret_last4: string;
  /** The secret before the last rotation, sealed the same way; signs too until the time below. */
  previous_secret_ciphertext: string | null;
  /** When the previous secret stops signing (migration 0009); null: no overlap. */
  previous_secret_expires_at: string | null;
  /** Failed attempts since the last successful one (any delivery of this endpoint). */
  consecutive_failures: number;
  last_success_at: string | null;
  last_failure_at: string | null;
  /** The creating request's Idempotency-Key (unique per project and environment). */
  idempotency_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  /** The JSON body exactly as sent on every attempt: {id, type, created_at, data}. */
  payload: string;
  status: WebhookDeliveryStatus;
  /** Attempts made so far (the first one included). */
  attempts: number;
  /** The base of the retry schedule (+1 min, +5 min, +30 min, +2 h, +24 h). */
  first_attempt_at: string | null;
  last_attempt_at: string | null;
  /** When the next attempt is due; null once the delivery is settled. */
  next_attempt_at: string | null;
  /** Held while an attempt is in flight, so two runners never send the same attempt at once. */
  attempt_locked_until: string | null;
  response_status: number | null;
  response_latency_ms: number | null;
  /** The first characters of the receiver's answer, or null. */
  response_excerpt: string | null;
  /** Why the last attempt failed when there was no HTTP answer (timeout, refused address...). */
  error: string | null;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}
