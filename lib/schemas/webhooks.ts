import { z } from "zod";
import { ROTATION_EXPIRIES } from "./api-keys";
import { isoTimestamp } from "./common";
import { EVENT_TYPE_FILTER_PATTERN, MAX_EVENT_NAME_LENGTH } from "./events";
import { pageSchema, paginationQueryShape } from "./pagination";

export const WEBHOOK_ENDPOINT_STATUSES = ["enabled", "disabled"] as const;
export const WEBHOOK_DISABLED_REASONS = ["disabled_by_user", "consecutive_failures"] as const;
export const WEBHOOK_DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export const MAX_ENABLED_EVENTS = 50;
export const MAX_DESCRIPTION_LENGTH = 500;
/** The type of the event POST /v1/webhook-endpoints/{id}/test sends. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

/**
 * Event families the dashboard offers as choices (any type or family GET /v1/events accepts is
 * allowed through the API).
 */
export const WEBHOOK_EVENT_CHOICES = [
  { value: "resource.*", label: "Resources", hint: "created, active, failed, updated, deleted" },
  { value: "instance.*", label: "Instances", hint: "stopped, started, rebooted, resized" },
  { value: "volume.*", label: "Volumes", hint: "attached, detached" },
  { value: "load_balancer.*", label: "Load balancers", hint: "target added, target removed" },
  { value: "api_key.*", label: "API keys", hint: "created, rotated, revoked" },
  { value: "webhook_endpoint.*", label: "Webhook endpoints", hint: "created, updated, disabled" },
  { value: "billing.*", label: "Billing", hint: "plan changed" },
  {
    value: "deployment.*",
    label: "Deployments",
    hint: "created, wave started, awaiting approval, succeeded, rolled back",
  },
  { value: "invitation.*", label: "Invitations", hint: "created, resent, revoked, accepted" },
] as const;

/** Control characters never belong in a description (a check: \p{Cc} does not reach OpenAPI). */
function noControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x0a) || (code >= 0x7f && code < 0xa0)) return false;
  }
  return true;
}

export const enabledEventSchema = z
  .string()
  .max(MAX_EVENT_NAME_LENGTH, {
    message: `each event must be at most ${MAX_EVENT_NAME_LENGTH} characters`,
  })
  .refine((value) => value === "*" || EVENT_TYPE_FILTER_PATTERN.test(value), {
    message:
      'each event must be "*", an event type such as resource.active, or a family such as resource.*',
  })
  .meta({ example: "resource.*" });

const enabledEventsSchema = z
  .array(enabledEventSchema)
  .min(1, { message: 'enabled_events needs at least one entry; use ["*"] for every event' })
  .max(MAX_ENABLED_EVENTS, {
    message: `enabled_events takes at most ${MAX_ENABLED_EVENTS} entries`,
  })
  .meta({
    description:
      'Which events to send: ["*"] for all, exact types (resource.active) or families (resource.*)',
    example: ["resource.*"],
  });

const urlSchema = z
  .string()
  .min(1, { message: "url is required" })
  .max(2048, { message: "url must be at most 2048 characters" })
  .meta({
    description:
      "Where deliveries are POSTed. https only (plain http and private or loopback addresses only where the deployment allows them); no user name or password.",
    example: "https://example.com/webhooks/cloud",
  });

const descriptionSchema = z
  .string()
  .max(MAX_DESCRIPTION_LENGTH, {
    message: `description must be at most ${MAX_DESCRIPTION_LENGTH} characters`,
  })
  .refine(noControlCharacters, { message: "description must not contain control characters" })
  .meta({ example: "Order service" });

export const webhookEndpointSchema = z
  .object({
    id: z.string().meta({ example: "we_8Rk2Vn5QpX7mLc3T" }),
    object: z.literal("webhook_endpoint"),
    url: z.string().meta({ example: "https://example.com/webhooks/cloud" }),
    description: z.string().meta({ example: "Order service" }),
    enabled_events: z.array(z.string()).meta({ example: ["resource.*"] }),
    environment: z.enum(["live", "test"]).meta({
      description: "Sandbox (test) endpoints receive sandbox events only, live ones live events",
    }),
    status: z.enum(WEBHOOK_ENDPOINT_STATUSES).meta({
      description: "disabled endpoints receive nothing until enabled again",
    }),
    disabled_reason: z.enum(WEBHOOK_DISABLED_REASONS).nullable().meta({
      description:
        "consecutive_failures: a delivery failed its first attempt and all five retries; disabled_by_user: someone disabled it",
    }),
    disabled_at: isoTimestamp.nullable(),
    secret_hint: z.string().meta({
      description: "The signing secret's prefix and last four characters",
      example: "whsec_...k2Qz",
    }),
    previous_secret_expires_at: isoTimestamp.nullable().meta({
      description:
        "After a rotation with expires_in, the previous secret signs every delivery too (a second v1 in both signature headers) until this time; null when no rotation kept it",
    }),
    consecutive_failures: z.number().int().meta({
      description: "Failed attempts since the last successful one; a success resets it to 0",
      example: 0,
    }),
    last_success_at: isoTimestamp.nullable(),
    last_failure_at: isoTimestamp.nullable(),
    created_at: isoTimestamp,
    updated_at: isoTimestamp,
  })
  .meta({ id: "WebhookEndpoint", description: "Where events are delivered, and its state" });

export const webhookEndpointWithSecretSchema = webhookEndpointSchema
  .extend({
    secret: z.string().meta({
      description:
        "The signing secret. Shown only in this answer (creation and rotation): store it now.",
      example: "whsec_4eC39HqLyjWDarjtT1zdp7dcQ2mV7cT1",
    }),
  })
  .meta({ id: "WebhookEndpointWithSecret" });

export const rotateWebhookSecretBodySchema = z
  .object({
    expires_in: z.enum(ROTATION_EXPIRIES).default("now").meta({
      description:
        "How long the previous secret keeps signing beside the new one: now (default: it stops at once), 1h, 24h or 7d",
    }),
  })
  .meta({ id: "RotateWebhookSecret" });

export const webhookEndpointListSchema = pageSchema(webhookEndpointSchema, "WebhookEndpointList");

export const webhookDeliverySchema = z
  .object({
    id: z.string().meta({ example: "wd_3Jt7Wq2XkR9mVb4L" }),
    object: z.literal("webhook_delivery"),
    endpoint_id: z.string().meta({ example: "we_8Rk2Vn5QpX7mLc3T" }),
    event_id: z.string().meta({
      description: "Sent as Cloud-Event-Id and as id in the body",
      example: "evt_9Kx2Lq7WmT4cVb8N",
    }),
    event_type: z.string().meta({ example: "resource.active" }),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES).meta({
      description:
        "pending: an attempt is due at next_attempt_at; succeeded: a 2xx answer; failed: every attempt failed",
    }),
    attempts: z.number().int().meta({ description: "Attempts made so far", example: 1 }),
    next_attempt_at: isoTimestamp.nullable().meta({ description: "null once settled" }),
    last_attempt_at: isoTimestamp.nullable(),
    response_status: z.number().int().nullable().meta({
      description: "The HTTP status of the last attempt; null when there was no answer",
      example: 200,
    }),
    response_latency_ms: z.number().int().nullable().meta({ example: 84 }),
    response_body_excerpt: z.string().nullable().meta({
      description: "The first 256 characters of the last answer's body",
      example: "ok",
    }),
    error: z.string().nullable().meta({
      description: "Why the last attempt failed without an HTTP answer (timeout, refused...)",
    }),
    created_at: isoTimestamp,
    updated_at: isoTimestamp,
    completed_at: isoTimestamp.nullable(),
  })
  .meta({ id: "WebhookDelivery", description: "One event on its way to one endpoint" });

export const webhookDeliveryListSchema = pageSchema(webhookDeliverySchema, "WebhookDeliveryList");

export const createWebhookEndpointSchema = z
  .strictObject({
    url: urlSchema,
    description: descriptionSchema.optional(),
    enabled_events: enabledEventsSchema.optional().meta({
      description: 'Default ["*"]: every event of the environment',
    }),
  })
  .meta({
    id: "CreateWebhookEndpoint",
    example: {
      url: "https://example.com/webhooks/cloud",
      description: "Order service",
      enabled_events: ["resource.*"],
    },
  });

export const updateWebhookEndpointSchema = z
  .strictObject({
    url: urlSchema.optional(),
    description: descriptionSchema.optional(),
    enabled_events: enabledEventsSchema.optional(),
    status: z.enum(WEBHOOK_ENDPOINT_STATUSES).optional().meta({
      description: "disabled stops deliveries; enabled turns them on again (and resets the count)",
    }),
  })
  .meta({
    id: "UpdateWebhookEndpoint",
    example: { description: "Order service (v2)", enabled_events: ["resource.*", "volume.*"] },
  });

export const webhookEndpointIdParamsSchema = z.object({
  id: z.string().meta({ param: { name: "id", in: "path" }, example: "we_8Rk2Vn5QpX7mLc3T" }),
});

export const webhookDeliveryParamsSchema = webhookEndpointIdParamsSchema.extend({
  delivery_id: z
    .string()
    .meta({ param: { name: "delivery_id", in: "path" }, example: "wd_3Jt7Wq2XkR9mVb4L" }),
});

export const listWebhookEndpointsQuerySchema = z.object({
  ...paginationQueryShape,
  status: z
    .enum(WEBHOOK_ENDPOINT_STATUSES)
    .optional()
    .meta({ description: "Only endpoints in this status" }),
});

export const listWebhookDeliveriesQuerySchema = z.object({
  ...paginationQueryShape,
  status: z
    .enum(WEBHOOK_DELIVERY_STATUSES)
    .optional()
    .meta({ description: "Only deliveries in this status" }),
});

export type WebhookEndpointDto = z.infer<typeof webhookEndpointSchema>;
export type WebhookEndpointWithSecretDto = z.infer<typeof webhookEndpointWithSecretSchema>;
export type WebhookDeliveryDto = z.infer<typeof webhookDeliverySchema>;
export type CreateWebhookEndpointBody = z.infer<typeof createWebhookEndpointSchema>;
export type UpdateWebhookEndpointBody = z.infer<typeof updateWebhookEndpointSchema>;
