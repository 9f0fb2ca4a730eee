import { z } from "zod";
import { isoTimestamp } from "./common";
import { pageSchema, paginationQueryShape } from "./pagination";

/** Dotted lower-case names (resource.created); a trailing `.*` matches a whole family. */
export const EVENT_TYPE_FILTER_PATTERN = /^[a-z][a-z_]*(?:\.[a-z][a-z_]*)*(?:\.\*)?$/;
/** The longest event type or family a filter (or a webhook's enabled_events) may name. */
export const MAX_EVENT_NAME_LENGTH = 100;
export const OBJECT_ID_PATTERN = /^[a-z]{2,4}_[A-Za-z0-9]{1,64}$/;

export const eventSchema = z
  .object({
    id: z.string().meta({ example: "evt_9Kx2Lq7WmT4cVb8N" }),
    type: z.string().meta({ example: "resource.active" }),
    object_id: z
      .string()
      .nullable()
      .meta({ description: "The object the event is about", example: "res_Tn49WpXc2LmQ8vRb" }),
    data: z
      .record(z.string(), z.unknown())
      .meta({ description: "The object as it was when the event happened" }),
    created_at: isoTimestamp,
  })
  .meta({ id: "Event" });

export type EventDto = z.infer<typeof eventSchema>;

export const eventListSchema = pageSchema(eventSchema, "EventList");
export type EventListDto = z.infer<typeof eventListSchema>;

export const listEventsQuerySchema = z.object({
  ...paginationQueryShape,
  type: z
    .string()
    .max(MAX_EVENT_NAME_LENGTH, {
      message: `type must be at most ${MAX_EVENT_NAME_LENGTH} characters`,
    })
    .regex(EVENT_TYPE_FILTER_PATTERN, {
      message:
        "type must be an event type such as resource.created, or a family such as resource.*",
    })
    .optional()
    .meta({ description: "An event type, or a family with .* (resource.*)" }),
  object_id: z
    .string()
    .regex(OBJECT_ID_PATTERN, { message: "object_id must be an id such as res_..." })
    .optional()
    .meta({ description: "Only events about this object (a resource's timeline)" }),
});
