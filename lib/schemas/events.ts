import { z } from "zod";
import {
  EVENT_TYPE_FILTER_PATTERN,
  MAX_EVENT_NAME_LENGTH,
  OBJECT_ID_PATTERN,
} from "@/lib/catalog/events";
import { isoTimestamp } from "./common";
import { pageSchema, paginationQueryShape } from "./pagination";

export { EVENT_TYPE_FILTER_PATTERN, MAX_EVENT_NAME_LENGTH, OBJECT_ID_PATTERN };

export const eventSchema = z
  .object({
    id: z.string().meta({ example: "evt_9Kx2Lq7WmT4cVb8N" }),
    seq: z.number().int().meta({
      description: "Position in the project's log for this environment: 1, 2, 3... in commit order",
      example: 42,
    }),
    type: z.string().meta({ example: "resource.active" }),
    object: z
      .object({ type: z.string(), id: z.string() })
      .nullable()
      .meta({ description: "The object the event is about" }),
    object_id: z
      .string()
      .nullable()
      .meta({ description: "The object the event is about", example: "res_Tn49WpXc2LmQ8vRb" }),
    data: z
      .record(z.string(), z.unknown())
      .meta({ description: "The object as it was when the event happened" }),
    previous: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "On updates: the changed fields as they were before" }),
    request_id: z
      .string()
      .nullable()
      .meta({ description: "The API request that caused it; null for jobs", example: "req_x" }),
    actor: z
      .object({ type: z.enum(["user", "api_key", "system"]), id: z.string().nullable() })
      .meta({ description: "Who caused it" }),
    created_at: isoTimestamp,
  })
  .meta({ id: "Event" });

export type EventDto = z.infer<typeof eventSchema>;

export const eventListSchema = pageSchema(eventSchema, "EventList");
export type EventListDto = z.infer<typeof eventListSchema>;

const EVENT_TYPE_LIST_PATTERN =
  /^[a-z][a-z_]*(?:\.[a-z][a-z_]*)*(?:\.\*)?(?:,[a-z][a-z_]*(?:\.[a-z][a-z_]*)*(?:\.\*)?)*$/;
const EVENT_ID_PATTERN = /^evt_[A-Za-z0-9]{1,64}$/;

const timestampFilter = (what: string) =>
  z.iso
    .datetime({ offset: true, message: `${what} must be an ISO 8601 timestamp` })
    .optional()
    .meta({
      description: `Only events created ${what === "created_gte" ? "at or after" : "at or before"} this time`,
    });

/** The filters a stream takes (the list takes the same, plus pagination). */
export const streamEventsQuerySchema = z.object({
  type: z
    .string()
    .max(1000, { message: "type must be at most 1000 characters" })
    .regex(EVENT_TYPE_LIST_PATTERN, {
      message: "type must be a comma list of event types or families (resource.*)",
    })
    .optional()
    .meta({ description: "Comma list of event types or families (resource.created,api_key.*)" }),
  object_id: z
    .string()
    .regex(OBJECT_ID_PATTERN, { message: "object_id must be an id such as res_..." })
    .optional()
    .meta({ description: "Only events about this object" }),
  created_gte: timestampFilter("created_gte"),
  created_lte: timestampFilter("created_lte"),
  after: z
    .string()
    .regex(EVENT_ID_PATTERN, { message: "after must be an event id such as evt_..." })
    .optional()
    .meta({ description: "Replay events strictly after this one first (like Last-Event-ID)" }),
});

/** The list takes the stream's filters, plus pagination. */
export const listEventsQuerySchema = z.object({
  ...paginationQueryShape,
  ...streamEventsQuerySchema.shape,
  after: streamEventsQuerySchema.shape.after.meta({
    description:
      "Only events strictly after this one, oldest first by seq; continue with the last id of the page",
  }),
});

export const eventIdParamSchema = z.object({
  id: z
    .string()
    .regex(EVENT_ID_PATTERN, { message: "id must be an event id such as evt_..." })
    .meta({ param: { name: "id", in: "path" }, example: "evt_9Kx2Lq7WmT4cVb8N" }),
});

export const eventTypeSchema = z
  .object({
    type: z.string().meta({ example: "resource.created" }),
    description: z.string().meta({ example: "A resource was created; it starts provisioning" }),
    example: z
      .record(z.string(), z.unknown())
      .meta({ description: "An example of the event's data" }),
  })
  .meta({ id: "EventType" });

export const eventTypeListSchema = z
  .object({ data: z.array(eventTypeSchema) })
  .meta({ id: "EventTypeList" });
export type EventTypeListDto = z.infer<typeof eventTypeListSchema>;
