import { z } from "zod";
import { isoTimestamp } from "./common";
import { pageMetaSchema, paginationQueryShape } from "./pagination";
import { webhookDeliverySchema } from "./webhooks";

export const REQUEST_LOG_METHODS = [
  "GET",
  "HEAD",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "OPTIONS",
] as const;
/** A request id as the API mints or echoes it (lib/api/middleware/request-id.ts). */
export const REQUEST_ID_PATTERN = /^req_[A-Za-z0-9_-]{6,64}$/;
/** An exact status (404) or a class (4xx). */
export const STATUS_FILTER_PATTERN = /^[1-5](?:\d\d|xx)$/;

const timestampFilter = (name: "created_gte" | "created_lte") =>
  z.iso
    .datetime({ offset: true, message: `${name} must be an ISO 8601 timestamp` })
    .optional()
    .meta({
      description: `Only requests answered ${name === "created_gte" ? "at or after" : "at or before"} this time`,
    });

export const listRequestLogsQuerySchema = z.object({
  ...paginationQueryShape,
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(REQUEST_LOG_METHODS, { message: "method must be an HTTP method such as GET" }))
    .optional()
    .meta({ description: "Only requests with this HTTP method", example: "POST" }),
  status: z
    .string()
    .regex(STATUS_FILTER_PATTERN, { message: "status must be a code (404) or a class (4xx)" })
    .optional()
    .meta({ description: "An exact status (429) or a class (4xx)", example: "4xx" }),
  path: z
    .string()
    .max(500, { message: "path must be at most 500 characters" })
    .regex(/^\/[\x21-\x7e]*$/, { message: "path must start with / and hold no spaces" })
    .optional()
    .meta({
      description:
        "Only requests whose path starts with this (as sent; /v1/... also matches /sandbox/v1/...)",
      example: "/v1/resources",
    }),
  route: z
    .string()
    .max(200, { message: "route must be at most 200 characters" })
    .regex(/^(?:\/v1(?:\/[A-Za-z0-9:._-]+)*|unmatched)$/, {
      message: "route must be a route template such as /v1/resources/:id",
    })
    .optional()
    .meta({
      description: "Only requests to this endpoint (its template)",
      example: "/v1/resources/:id",
    }),
  api_key_id: z
    .string()
    .regex(/^key_[A-Za-z0-9]{1,64}$/, { message: "api_key_id must be a key id such as key_..." })
    .optional()
    .meta({ description: "Only requests made with this key" }),
  request_id: z
    .string()
    .regex(REQUEST_ID_PATTERN, { message: "request_id must be a request id such as req_..." })
    .optional()
    .meta({ description: "Only the request with this id (X-Request-Id)" }),
  ip: z
    .string()
    .regex(/^[0-9A-Fa-f:.]{2,45}$/, { message: "ip must be an IPv4 or IPv6 address" })
    .optional()
    .meta({ description: "Only requests from this client address", example: "203.0.113.7" }),
  created_gte: timestampFilter("created_gte"),
  created_lte: timestampFilter("created_lte"),
});
export type ListRequestLogsQuery = z.infer<typeof listRequestLogsQuerySchema>;

export const requestLogSchema = z
  .object({
    id: z
      .string()
      .meta({ description: "The request id (X-Request-Id)", example: "req_8sKq2LmT4cVb9NxW3pQa" }),
    object: z.literal("request_log"),
    created_at: isoTimestamp.meta({ description: "When the answer was ready" }),
    method: z.string().meta({ example: "POST" }),
    path: z.string().meta({ description: "As sent, without the query", example: "/v1/resources" }),
    route: z
      .string()
      .meta({ description: "The endpoint's template", example: "/v1/resources/:id" }),
    status: z.number().int().meta({ example: 201 }),
    duration_ms: z.number().meta({ description: "Arrival to answer", example: 4.812 }),
    api_key: z
      .object({ id: z.string(), prefix: z.string() })
      .nullable()
      .meta({ description: "The key that made the request; null for dashboard calls" }),
    member: z
      .object({ id: z.string(), email: z.string() })
      .nullable()
      .meta({ description: "The member who made the request through the dashboard" }),
    ip: z.string().nullable().meta({ example: "203.0.113.7" }),
    user_agent: z.string().nullable().meta({ example: "curl/8.5.0" }),
    idempotency_key: z.string().nullable(),
    idempotent_replayed: z
      .boolean()
      .meta({ description: "The stored answer of an earlier request was replayed" }),
    error: z
      .object({ code: z.string(), detail: z.string().nullable() })
      .nullable()
      .meta({ description: "The problem the request was answered with; null on success" }),
    environment: z.enum(["live", "test"]),
  })
  .meta({ id: "RequestLog", description: "One API request and its answer" });
export type RequestLogDto = z.infer<typeof requestLogSchema>;

export const requestLogListSchema = z
  .object({
    data: z.array(requestLogSchema),
    meta: pageMetaSchema.extend({
      total: z.number().int().meta({
        description:
          "Matching requests, counted up to 1,000 (total_capped says when there are more)",
        example: 142,
      }),
      total_capped: z.boolean().meta({ description: "More requests match than total says" }),
    }),
  })
  .meta({ id: "RequestLogList" });
export type RequestLogListDto = z.infer<typeof requestLogListSchema>;

export const requestTraceEventSchema = z
  .object({
    id: z.string().meta({ example: "evt_9Kx2Lq7WmT4cVb8N" }),
    seq: z.number().int(),
    type: z.string().meta({ example: "resource.created" }),
    object_id: z.string().nullable(),
    created_at: isoTimestamp,
  })
  .meta({ id: "RequestTraceEvent" });

export const requestLogDetailSchema = requestLogSchema
  .extend({
    trace: z.object({
      events: z.array(requestTraceEventSchema).meta({ description: "Events the request emitted" }),
      deliveries: z
        .array(webhookDeliverySchema)
        .meta({ description: "Webhook deliveries of those events, with their status now" }),
    }),
  })
  .meta({ id: "RequestLogDetail", description: "A request with what it caused" });
export type RequestLogDetailDto = z.infer<typeof requestLogDetailSchema>;

export const requestIdParamSchema = z.object({
  request_id: z
    .string()
    .regex(REQUEST_ID_PATTERN, { message: "request_id must be a request id such as req_..." })
    .meta({ param: { name: "request_id", in: "path" }, example: "req_8sKq2LmT4cVb9NxW3pQa" }),
});
