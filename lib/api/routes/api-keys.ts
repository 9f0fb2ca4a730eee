import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { Bus } from "@/lib/bus";
import type { Database } from "@/lib/db/schema";
import { createApiKey } from "@/lib/keys/create-api-key";
import { getApiKey } from "@/lib/keys/get-api-key";
import { listApiKeys } from "@/lib/keys/list-api-keys";
import { revokeApiKey } from "@/lib/keys/revoke-api-key";
import { rotateApiKey } from "@/lib/keys/rotate-api-key";
import { parseListQuery } from "@/lib/pagination/list-query";
import {
  apiKeyIdParamSchema,
  apiKeyListQuerySchema,
  apiKeyListSchema,
  apiKeySchema,
  createApiKeyBodySchema,
  createdApiKeySchema,
  rotateApiKeyBodySchema,
} from "@/lib/schemas/api-keys";
import type { ApiEnv } from "../env";
import {
  commonErrorResponses,
  conflictResponse,
  contextOf,
  jsonContent,
  jsonRequestBody,
  notFoundResponse,
  security,
  sendJson,
  validationResponse,
} from "../route-kit";

export interface ApiKeyRouteDeps {
  db: Kysely<Database>;
  bus: Bus;
  now: () => Date;
}

const TAGS = ["API keys"];

const listRoute = createRoute({
  method: "get",
  path: "/api-keys",
  tags: TAGS,
  summary: "List API keys",
  description:
    "The keys of the caller's project in the caller's environment, newest first. Secrets are never listed.",
  security,
  "x-required-scope": "keys:read",
  request: { query: apiKeyListQuerySchema },
  responses: { 200: jsonContent(apiKeyListSchema, "A page of keys"), ...commonErrorResponses },
});

const createKeyRoute = createRoute({
  method: "post",
  path: "/api-keys",
  tags: TAGS,
  summary: "Create an API key",
  description:
    "A new key in the caller's project and environment. The secret is in this answer only. A key can never grant scopes its creator lacks (403).",
  security,
  "x-required-scope": "keys:write",
  request: { body: jsonRequestBody(createApiKeyBodySchema) },
  responses: {
    201: jsonContent(createdApiKeySchema, "The new key, with its secret (shown once)"),
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/api-keys/{id}",
  tags: TAGS,
  summary: "Get an API key",
  security,
  "x-required-scope": "keys:read",
  request: { params: apiKeyIdParamSchema },
  responses: {
    200: jsonContent(apiKeySchema, "The key (never its secret)"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const rotateRoute = createRoute({
  method: "post",
  path: "/api-keys/{id}/rotate",
  tags: TAGS,
  summary: "Rotate (roll) an API key",
  description:
    "Issues a new secret with the same name and scopes (rotated_from_id points back). The old secret keeps working until expires_in has passed, then answers 401. The new secret is in this answer only. Only a caller holding every scope of the key may rotate it (else 403).",
  security,
  "x-required-scope": "keys:write",
  request: { params: apiKeyIdParamSchema, body: jsonRequestBody(rotateApiKeyBodySchema) },
  responses: {
    200: jsonContent(createdApiKeySchema, "The new key, with its secret (shown once)"),
    ...conflictResponse,
    ...notFoundResponse,
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const revokeRoute = createRoute({
  method: "post",
  path: "/api-keys/{id}/revoke",
  tags: TAGS,
  summary: "Revoke an API key",
  description:
    "The key answers 401 from the next request, on every instance. Revoking a revoked key changes nothing. Only a caller holding every scope of the key may revoke it (else 403).",
  security,
  "x-required-scope": "keys:write",
  request: { params: apiKeyIdParamSchema },
  responses: {
    200: jsonContent(apiKeySchema, "The revoked key"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

export function registerApiKeyRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiKeyRouteDeps): void {
  const bus = { bus: deps.bus };

  app.openapi(listRoute, async (c) => {
    const { status, ...paging } = c.req.valid("query");
    const page = await listApiKeys(contextOf(c, deps, bus), {
      page: parseListQuery(paging),
      status,
    });
    return sendJson(c, page, 200);
  });

  app.openapi(createKeyRoute, async (c) => {
    const body = c.req.valid("json");
    const created = await createApiKey(contextOf(c, deps, bus), {
      name: body.name,
      scopes: body.scopes,
      expiresAt: body.expires_at === undefined ? undefined : new Date(body.expires_at),
      expiresInDays: body.expires_in_days,
    });
    return sendJson(c, { ...created.key, secret: created.secret }, 201);
  });

  app.openapi(getRoute, async (c) => {
    return sendJson(c, await getApiKey(contextOf(c, deps, bus), c.req.valid("param").id), 200);
  });

  app.openapi(rotateRoute, async (c) => {
    const rotated = await rotateApiKey(contextOf(c, deps, bus), {
      id: c.req.valid("param").id,
      expiresIn: c.req.valid("json").expires_in,
    });
    return sendJson(c, { ...rotated.key, secret: rotated.secret }, 200);
  });

  app.openapi(revokeRoute, async (c) => {
    return sendJson(c, await revokeApiKey(contextOf(c, deps, bus), c.req.valid("param").id), 200);
  });
}
