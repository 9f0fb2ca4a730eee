import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { parseListQuery } from "@/lib/pagination/list-query";
import { getRequestLog } from "@/lib/request-logs/get-request-log";
import { listRequestLogs } from "@/lib/request-logs/list-request-logs";
import {
  listRequestLogsQuerySchema,
  requestIdParamSchema,
  requestLogDetailSchema,
  requestLogListSchema,
} from "@/lib/schemas/request-logs";
import type { ApiEnv } from "../env";
import {
  type ContextDeps,
  commonErrorResponses,
  contextOf,
  jsonContent,
  security,
  sendJson,
} from "../route-kit";

const listRoute = createRoute({
  method: "get",
  path: "/request-logs",
  tags: ["Request logs"],
  summary: "List request logs",
  description:
    "Every API request of the project in the key's environment (dashboard calls included), newest first, in either pagination style; a request shows up within two seconds of its answer. Filter by method, status (a code such as 429 or a class such as 4xx), path (a prefix), route (a template such as /v1/resources/:id), api_key_id, request_id, ip and created_gte/created_lte. `meta.total` counts up to 1,000 matches; `meta.total_capped` says when more match. Kept REQUEST_LOG_RETENTION_DAYS (default 30); usage figures are kept longer.",
  security,
  "x-required-scope": "logs:read",
  request: { query: listRequestLogsQuerySchema },
  responses: {
    200: jsonContent(requestLogListSchema, "A page of request logs"),
    ...commonErrorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/request-logs/{request_id}",
  tags: ["Request logs"],
  summary: "Get a request log with its trace",
  description:
    "One request of the project in the key's environment, with its trace: the events it emitted and the webhook deliveries those events caused, each with its current status.",
  security,
  "x-required-scope": "logs:read",
  request: { params: requestIdParamSchema },
  responses: {
    200: jsonContent(requestLogDetailSchema, "The request and its trace"),
    ...commonErrorResponses,
  },
});

export function registerRequestLogRoutes(app: OpenAPIHono<ApiEnv>, deps: ContextDeps): void {
  app.openapi(listRoute, async (c) => {
    const { limit, cursor, page, per_page, ...filters } = c.req.valid("query");
    const result = await listRequestLogs(contextOf(c, deps), {
      page: parseListQuery({ limit, cursor, page, per_page }),
      method: filters.method,
      status: filters.status,
      path: filters.path,
      route: filters.route,
      apiKeyId: filters.api_key_id,
      requestId: filters.request_id,
      ip: filters.ip,
      createdGte: filters.created_gte,
      createdLte: filters.created_lte,
    });
    return sendJson(c, result, 200);
  });
  app.openapi(getRoute, async (c) =>
    sendJson(c, await getRequestLog(contextOf(c, deps), c.req.valid("param").request_id), 200),
  );
}
