import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { REGIONS } from "@/lib/regions/catalog";
import { regionListSchema } from "@/lib/schemas/regions";
import type { ApiEnv } from "../env";
import { commonErrorResponses, jsonContent, security, sendJson } from "../route-kit";

const listRegions = createRoute({
  method: "get",
  path: "/regions",
  tags: ["Regions"],
  summary: "List regions",
  description: "Every region with its availability and the resource types it offers.",
  security,
  // Any valid key may read the region catalogue.
  "x-required-scope": "none",
  responses: {
    200: jsonContent(regionListSchema, "The regions"),
    ...commonErrorResponses,
  },
});

export function registerRegionRoutes(app: OpenAPIHono<ApiEnv>): void {
  const body = { data: REGIONS.map((r) => ({ ...r, resource_types: [...r.resource_types] })) };
  app.openapi(listRegions, (c) => sendJson(c, body, 200));
}
