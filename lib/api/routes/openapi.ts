import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ApiEnv } from "../env";
import { buildOpenApiDocument, OPENAPI_PATH, registerBearerScheme } from "../openapi-document";
import { sendRawJson } from "../route-kit";

const documentSchema = z
  .record(z.string(), z.unknown())
  .meta({ id: "OpenAPIDocument", description: "This OpenAPI 3.1 document" });

const getDocument = createRoute({
  method: "get",
  path: OPENAPI_PATH,
  tags: ["Meta"],
  operationId: "getOpenApiDocument",
  summary: "The OpenAPI document",
  description:
    "This API described as OpenAPI 3.1, generated from the schemas that validate requests. Public: no key needed, and not rate-limited per key.",
  security: [],
  responses: {
    200: {
      description: "The OpenAPI 3.1 document",
      content: { "application/json": { schema: documentSchema } },
    },
  },
});

/**
 * GET /v1/openapi.json on the top-level app. It must be registered before the /v1/* middleware
 * (authentication, rate limit) so that it is answered without a key; it is built on first use,
 * when every route is mounted, for the configured origin (never the request's Host).
 */
export function registerOpenApiRoute(app: OpenAPIHono<ApiEnv>, origin: string): void {
  registerBearerScheme(app);
  let text: string | undefined;
  // Registered in two halves (document entry + plain handler) because the handler answers cached
  // text rather than a typed JSON object; there is no input to validate.
  app.openAPIRegistry.registerPath(getDocument);
  app.get(OPENAPI_PATH, (c) => {
    text ??= JSON.stringify(buildOpenApiDocument(app, origin));
    return sendRawJson(c, text, 200);
  });
}
