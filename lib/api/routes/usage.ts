import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { ApiRateLimiter } from "@/lib/ratelimit/api-rate-limiter";
import {
  rateLimitsQuerySchema,
  rateLimitsSchema,
  usageQuerySchema,
  usageSchema,
} from "@/lib/schemas/usage";
import { getRateLimits } from "@/lib/usage/get-rate-limits";
import { getUsage } from "@/lib/usage/get-usage";
import { usageCsv } from "@/lib/usage/usage-csv";
import type { ApiEnv } from "../env";
import {
  commonErrorResponses,
  contextOf,
  csvAsked,
  jsonContent,
  jsonOrCsvContent,
  security,
  sendCsv,
  sendJson,
} from "../route-kit";

export interface UsageRouteDeps {
  db: Kysely<Database>;
  now: () => Date;
  rateLimiter: ApiRateLimiter;
}

const usageRoute = createRoute({
  method: "get",
  path: "/usage",
  tags: ["Usage"],
  summary: "Get usage over time",
  description:
    "Requests (by status class, with 429s, latency p50/p95 and bytes) or resource hours of the key's project and environment, in UTC minute, hour or day buckets, optionally split by key, route, status class, region or type. Sandbox keys see sandbox usage, which is counted but never billed. Ranges are rounded out to whole buckets; a reversed range, too many buckets or minute buckets older than 7 days answer 400 naming the parameter. `format=csv` answers text/csv.",
  security,
  "x-required-scope": "usage:read",
  request: { query: usageQuerySchema },
  responses: {
    200: jsonOrCsvContent(
      usageSchema,
      "Usage series and totals",
      "series,timestamp,requests,status_2xx,status_3xx,status_4xx,status_5xx,throttled_429,latency_p50_ms,latency_p95_ms,bytes_in,bytes_out\r\n",
    ),
    ...commonErrorResponses,
  },
});

const rateLimitsRoute = createRoute({
  method: "get",
  path: "/rate-limits",
  tags: ["Rate limits"],
  summary: "Get rate-limit status",
  description:
    "The organization's plan limit and the current 60-second window (used, remaining, reset as Unix seconds), for live traffic and the sandbox; the requests of each key of this project in the current window; and 429 answers per key and over time for a range (default: the last 24 hours, hourly). Looking does not spend the live or sandbox window.",
  security,
  "x-required-scope": "usage:read",
  request: { query: rateLimitsQuerySchema },
  responses: {
    200: jsonContent(rateLimitsSchema, "Limits, the current window and 429 history"),
    ...commonErrorResponses,
  },
});

export function registerUsageRoutes(app: OpenAPIHono<ApiEnv>, deps: UsageRouteDeps): void {
  app.openapi(usageRoute, async (c) => {
    const query = c.req.valid("query");
    const usage = await getUsage(contextOf(c, deps), query);
    if (csvAsked(query.format).csv) {
      return sendCsv(c, usageCsv(usage), `usage-${usage.granularity}-${usage.from.slice(0, 10)}`);
    }
    return sendJson(c, usage, 200);
  });

  app.openapi(rateLimitsRoute, async (c) => {
    const status = await getRateLimits(
      contextOf(c, deps),
      { limiter: deps.rateLimiter, organization: c.get("organization") },
      c.req.valid("query"),
    );
    return sendJson(c, status, 200);
  });
}
