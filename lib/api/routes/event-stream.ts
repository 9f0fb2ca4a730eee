import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Bus } from "@/lib/bus";
import { AppError } from "@/lib/errors";
import { openEventStream } from "@/lib/events/stream/event-stream";
import { createMemoryStreamSlots, type StreamSlots } from "@/lib/events/stream/stream-slots";
import { KEYS_CHANGED_CHANNEL } from "@/lib/keys/cache-invalidation";
import { streamEventsQuerySchema } from "@/lib/schemas/events";
import type { ApiEnv } from "../env";
import { responseHeaders } from "../response-headers";
import { type ContextDeps, commonErrorResponses, contextOf, problem, security } from "../route-kit";

const EVENT_ID = /^evt_[A-Za-z0-9]{1,64}$/;

const streamRoute = createRoute({
  method: "get",
  path: "/events/stream",
  tags: ["Events"],
  summary: "Stream events",
  description:
    "Server-sent events: each event as `id`, `event` (its type) and `data` (the event as one line of JSON), in seq order. Resume with Last-Event-ID or ?after: what was missed is replayed from the log, then the stream goes live with no gap and no duplicate. A `: ping` comment every 15 s; the stream ends after 15 minutes with `event: reconnect`, or within a second of the key being revoked or expiring. At most 10 open streams per key.",
  security,
  "x-required-scope": "events:read",
  request: { query: streamEventsQuerySchema },
  responses: {
    200: {
      description: "An event stream",
      content: { "text/event-stream": { schema: { type: "string" } } },
    },
    410: problem("The cursor is older than the retention; oldest_available says where to resume"),
    ...commonErrorResponses,
  },
});

export function registerEventStreamRoutes(
  app: OpenAPIHono<ApiEnv>,
  deps: ContextDeps & { bus: Bus; streamSlots?: StreamSlots | undefined },
): void {
  // An app built without a runtime (the OpenAPI document) counts in process.
  const streamSlots = deps.streamSlots ?? createMemoryStreamSlots();
  app.openapi(streamRoute, async (c) => {
    const query = c.req.valid("query");
    const lastEventId = c.req.header("last-event-id")?.trim() || undefined;
    if (lastEventId !== undefined && !EVENT_ID.test(lastEventId)) {
      throw new AppError("bad_request", "Last-Event-ID must be an event id such as evt_...");
    }
    const body = await openEventStream(
      contextOf(c, deps, {
        watchKeys: (onChange: () => void) => deps.bus.subscribe(KEYS_CHANGED_CHANNEL, onChange),
        streamSlots,
      }),
      {
        cursor: lastEventId ?? query.after,
        filters: {
          types: query.type?.split(","),
          objectId: query.object_id,
          createdGte: query.created_gte,
          createdLte: query.created_lte,
        },
      },
    );
    const headers = responseHeaders(c);
    headers["content-type"] = "text/event-stream; charset=utf-8";
    headers["cache-control"] = "no-cache, no-transform";
    headers["x-accel-buffering"] = "no";
    return new Response(body, { status: 200, headers }) as never;
  });
}
