import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { eventPageJson, listEvents } from "@/lib/events/list-events";
import { parseListQuery } from "@/lib/pagination/list-query";
import { type EventListDto, eventListSchema, listEventsQuerySchema } from "@/lib/schemas/events";
import type { ApiEnv } from "../env";
import {
  type ContextDeps,
  commonErrorResponses,
  contextOf,
  jsonContent,
  security,
  sendJsonText,
} from "../route-kit";

const listRoute = createRoute({
  method: "get",
  path: "/events",
  tags: ["Events"],
  summary: "List events",
  description:
    "What happened in the project in the key's environment, newest first, in either pagination style. Filter by type (exact, or a family such as resource.*) and object_id (one object's timeline).",
  security,
  "x-required-scope": "events:read",
  request: { query: listEventsQuerySchema },
  responses: { 200: jsonContent(eventListSchema, "A page of events"), ...commonErrorResponses },
});

export function registerEventRoutes(app: OpenAPIHono<ApiEnv>, deps: ContextDeps): void {
  app.openapi(listRoute, async (c) => {
    const { type, object_id: objectId, ...paging } = c.req.valid("query");
    const page = await listEvents(contextOf(c, deps), {
      page: parseListQuery(paging),
      type,
      objectId,
    });
    return sendJsonText<EventListDto, 200>(c, eventPageJson(page), 200);
  });
}
