import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { auditCsv } from "@/lib/audit/audit-csv";
import {
  type AuditFilters,
  exportAuditLogs,
  getAuditLog,
  listAuditLogs,
} from "@/lib/audit/list-audit-logs";
import { parseListQuery } from "@/lib/pagination/list-query";
import {
  type AuditLogQuery,
  auditLogIdParamSchema,
  auditLogListSchema,
  auditLogQuerySchema,
  auditLogSchema,
} from "@/lib/schemas/audit-logs";
import type { ApiEnv } from "../env";
import {
  type ContextDeps,
  commonErrorResponses,
  contextOf,
  csvAsked,
  jsonContent,
  jsonOrCsvContent,
  notFoundResponse,
  security,
  sendCsv,
  sendJson,
} from "../route-kit";

const TAGS = ["Audit log"];

const listRoute = createRoute({
  method: "get",
  path: "/audit-logs",
  tags: TAGS,
  summary: "List audit log entries",
  description:
    "Who changed what in the organization, newest first, in either pagination style: every change through the API, the portal, the admin CLI and background jobs, and refused attempts at sensitive actions (outcome denied). Shows the entries about the whole organization (members, plan) and those of the key's project and environment. Filter by actor_id, action (a comma list; member.* matches a family), target_id (any target), outcome and occurred_gte/occurred_lte. `format=csv` downloads every matching entry (pagination ignored, at most 10,000, newest first) as text/csv; cells a spreadsheet would evaluate start with a quote. The log is append-only: no method changes or deletes an entry (405).",
  security,
  "x-required-scope": "audit:read",
  request: { query: auditLogQuerySchema },
  responses: {
    200: jsonOrCsvContent(
      auditLogListSchema,
      "A page of entries, or the CSV export",
      "id,occurred_at,action,outcome,actor_type,actor_id,actor_display,targets,source,ip,user_agent,request_id,before,after,details\r\n",
    ),
    ...commonErrorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/audit-logs/{id}",
  tags: TAGS,
  summary: "Get an audit log entry",
  security,
  "x-required-scope": "audit:read",
  request: { params: auditLogIdParamSchema },
  responses: {
    200: jsonContent(auditLogSchema, "The entry"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

function filtersOf(query: AuditLogQuery): AuditFilters {
  return {
    actorId: query.actor_id,
    actions: query.action?.split(","),
    targetId: query.target_id,
    outcome: query.outcome,
    occurredGte: query.occurred_gte,
    occurredLte: query.occurred_lte,
  };
}

export function registerAuditLogRoutes(app: OpenAPIHono<ApiEnv>, deps: ContextDeps): void {
  app.openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const { limit, cursor, page, per_page } = query;
    const paging = parseListQuery({ limit, cursor, page, per_page });
    const ctx = contextOf(c, deps);
    if (csvAsked(query.format).csv) {
      const entries = await exportAuditLogs(ctx, filtersOf(query));
      return sendCsv(c, auditCsv(entries), `audit-log-${ctx.now.toISOString().slice(0, 10)}`);
    }
    return sendJson(c, await listAuditLogs(ctx, { page: paging, filters: filtersOf(query) }), 200);
  });
  app.openapi(getRoute, async (c) => {
    return sendJson(c, await getAuditLog(contextOf(c, deps), c.req.valid("param").id), 200);
  });
}
