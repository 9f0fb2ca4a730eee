import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { BILLING_EVENT_TYPES } from "@/lib/billing/event-types";
import { DEPLOYMENT_EVENT_TYPES } from "@/lib/deployments/event-types";
import { eventTypeRegistry } from "@/lib/events/event-type-registry";
import { eventJson, eventPageJson, getEvent, listEvents } from "@/lib/events/list-events";
import { INVITATION_EVENT_TYPES } from "@/lib/invitations/event-types";
import { KEY_EVENT_TYPES } from "@/lib/keys/event-types";
import { parseListQuery } from "@/lib/pagination/list-query";
import { RESOURCE_EVENT_TYPES } from "@/lib/resources/event-types";
import {
  type EventDto,
  type EventListDto,
  eventIdParamSchema,
  eventListSchema,
  eventSchema,
  eventTypeListSchema,
  listEventsQuerySchema,
} from "@/lib/schemas/events";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
import type { ApiEnv } from "../env";
import {
  type ContextDeps,
  commonErrorResponses,
  contextOf,
  jsonContent,
  problem,
  security,
  sendJson,
  sendJsonText,
} from "../route-kit";

const listRoute = createRoute({
  method: "get",
  path: "/events",
  tags: ["Events"],
  summary: "List events",
  description:
    "What happened in the project in the key's environment, newest first, in either pagination style. Filter by type (a comma list of exact types or families such as resource.*), object_id (one object's timeline) and created_gte/created_lte. With after=<event id>: only the events committed after that one, oldest first by seq; continue with the last id of each page. An after that is no longer in the log answers 410 cursor_expired.",
  security,
  "x-required-scope": "events:read",
  request: { query: listEventsQuerySchema },
  responses: {
    200: jsonContent(eventListSchema, "A page of events"),
    410: problem(
      "The after event is older than the retention; oldest_available says where to resume",
    ),
    ...commonErrorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/events/{id}",
  tags: ["Events"],
  summary: "Get an event",
  description: "One event of the project in the key's environment.",
  security,
  "x-required-scope": "events:read",
  request: { params: eventIdParamSchema },
  responses: { 200: jsonContent(eventSchema, "The event"), ...commonErrorResponses },
});

const typesRoute = createRoute({
  method: "get",
  path: "/event-types",
  tags: ["Events"],
  summary: "List event types",
  description:
    "Every event type the platform emits, with a one-line description and an example of its data, sorted by type.",
  security,
  // Any valid key may read the catalogue of event types.
  "x-required-scope": "none",
  responses: { 200: jsonContent(eventTypeListSchema, "The event types"), ...commonErrorResponses },
});

const EVENT_TYPES = eventTypeRegistry([
  RESOURCE_EVENT_TYPES,
  KEY_EVENT_TYPES,
  WEBHOOK_EVENT_TYPES,
  BILLING_EVENT_TYPES,
  DEPLOYMENT_EVENT_TYPES,
  INVITATION_EVENT_TYPES,
]);

export function registerEventRoutes(app: OpenAPIHono<ApiEnv>, deps: ContextDeps): void {
  app.openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { type, object_id, created_gte, created_lte, after, ...paging } = query;
    const page = await listEvents(contextOf(c, deps), {
      page: parseListQuery(paging),
      types: type?.split(","),
      objectId: object_id,
      createdGte: created_gte,
      createdLte: created_lte,
      after,
    });
    return sendJsonText<EventListDto, 200>(c, eventPageJson(page), 200);
  });
  app.openapi(getRoute, async (c) => {
    const row = await getEvent(contextOf(c, deps), c.req.valid("param").id);
    return sendJsonText<EventDto, 200>(c, eventJson(row), 200);
  });
  const types = { data: EVENT_TYPES };
  app.openapi(typesRoute, (c) => sendJson(c, types, 200));
}
