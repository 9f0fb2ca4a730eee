import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { listRegions as listRegionsNow } from "@/lib/regions/list-regions";
import { regionListSchema } from "@/lib/schemas/regions";
import type { ApiEnv } from "../env";
import { commonErrorResponses, jsonContent, security, sendJson } from "../route-kit";

const listRegions = createRoute({
  method: "get",
  path: "/regions",
  tags: ["Regions"],
  summary: "List regions",
  description:
    "Every region with its availability (an operator can take one out: new resources and deployment targets there fail, resources already there keep running) and the resource types it offers.",
  security,
  // Any valid key may read the region catalogue.
  "x-required-scope": "none",
  responses: {
    200: jsonContent(regionListSchema, "The regions"),
    ...commonErrorResponses,
  },
});

export function registerRegionRoutes(
  app: OpenAPIHono<ApiEnv>,
  deps: { db: Kysely<Database> },
): void {
  // Availability is read per request: an operator's set-region applies at once everywhere.
  app.openapi(listRegions, async (c) => sendJson(c, { data: await listRegionsNow(deps.db) }, 200));
}
