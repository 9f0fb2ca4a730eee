import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import { RESOURCE_TYPES, TYPE_LABELS, TYPE_PATHS } from "@/lib/catalog/resources";
import type { ResourceType } from "@/lib/db/schema";
import { parseListQuery } from "@/lib/pagination/list-query";
import { createResource } from "@/lib/resources/create-resource";
import { deleteResource } from "@/lib/resources/delete-resource";
import { getResource } from "@/lib/resources/get-resource";
import { listResources, parseLabelFilters } from "@/lib/resources/list-resources";
import { resourceJson, resourcePageJson } from "@/lib/resources/resource-view";
import { pageSchema } from "@/lib/schemas/pagination";
import {
  listTypedResourcesQuerySchema,
  resourceIdParamsSchema,
  specInputSchemas,
  typedCreateSchema,
  typedResourceSchemas,
} from "@/lib/schemas/resources";
import type { ApiEnv } from "../env";
import {
  commonErrorResponses,
  conflictResponse,
  contextOf,
  getByIdWithoutValidator,
  jsonContent,
  jsonRequestBody,
  noContent,
  noContentResponse,
  notFoundResponse,
  security,
  sendJsonText,
  sendRawJson,
  validationResponse,
} from "../route-kit";
import type { ResourceRouteDeps } from "./resources";

const SCHEMA_NAMES: Record<ResourceType, string> = {
  instance: "Instance",
  volume: "Volume",
  bucket: "Bucket",
  network: "Network",
  load_balancer: "LoadBalancer",
};

export const TYPE_TAGS: Record<ResourceType, string> = {
  instance: "Instances",
  volume: "Volumes",
  bucket: "Buckets",
  network: "Networks",
  load_balancer: "Load balancers",
};

/**
 * /v1/instances, /v1/volumes, ...: list, create, get and delete as views of the same resource
 * objects, pinned to one type (another type's id answers 404 here).
 */
function registerTypedView(
  app: OpenAPIHono<ApiEnv>,
  deps: ResourceRouteDeps,
  type: ResourceType,
): void {
  const path = `/${TYPE_PATHS[type]}`;
  const name = SCHEMA_NAMES[type];
  const label = TYPE_LABELS[type];
  const plural = `${label.toLowerCase()}s`;
  const tags = [TYPE_TAGS[type]];
  const itemSchema = typedResourceSchemas[type];
  const listSchema = pageSchema(itemSchema, `${name}List`);
  const createSchema = typedCreateSchema(specInputSchemas[type], `${name}Create`);
  type Item = z.infer<typeof itemSchema>;

  const listRoute = createRoute({
    method: "get",
    path,
    tags,
    summary: `List ${plural}`,
    description: `The ${plural} of the project, newest first; the same filters as GET /v1/resources except type.`,
    security,
    "x-required-scope": "resources:read",
    request: { query: listTypedResourcesQuerySchema },
    responses: { 200: jsonContent(listSchema, `A page of ${plural}`), ...commonErrorResponses },
  });

  const createTypedRoute = createRoute({
    method: "post",
    path,
    tags,
    summary: `Create a ${label.toLowerCase()}`,
    description: "Answers 201 with status provisioning; a background job makes it active.",
    security,
    "x-required-scope": "resources:write",
    request: { body: jsonRequestBody(createSchema) },
    responses: {
      201: jsonContent(itemSchema, `The new ${label.toLowerCase()}, provisioning`),
      ...validationResponse,
      ...conflictResponse,
      ...commonErrorResponses,
    },
  });

  const getRoute = createRoute({
    method: "get",
    path: `${path}/{id}`,
    tags,
    summary: `Get a ${label.toLowerCase()}`,
    security,
    "x-required-scope": "resources:read",
    request: { params: resourceIdParamsSchema },
    responses: {
      200: jsonContent(itemSchema, `The ${label.toLowerCase()}`),
      ...notFoundResponse,
      ...commonErrorResponses,
    },
  });

  const deleteRoute = createRoute({
    method: "delete",
    path: `${path}/{id}`,
    tags,
    summary: `Delete a ${label.toLowerCase()}`,
    description: "As DELETE /v1/resources/{id}: 204, or 409 naming what uses it.",
    security,
    "x-required-scope": "resources:write",
    request: { params: resourceIdParamsSchema },
    responses: {
      ...noContentResponse,
      ...notFoundResponse,
      ...conflictResponse,
      ...commonErrorResponses,
    },
  });

  app.openapi(listRoute, async (c) => {
    const { status, region, q, label: labels, ...paging } = c.req.valid("query");
    const page = await listResources(contextOf(c, deps), {
      page: parseListQuery(paging),
      filters: { type, status, region, q, labels: parseLabelFilters(labels) },
    });
    return sendJsonText<z.infer<typeof listSchema>, 200>(c, resourcePageJson(page), 200);
  });

  app.openapi(createTypedRoute, async (c) => {
    const body = c.req.valid("json");
    const { row } = await createResource(contextOf(c, deps), {
      ...body,
      type,
      idempotencyKey: c.get("idempotencyKey"),
      provisionDelayMs: deps.provisionDelayMs,
    });
    return sendJsonText<Item, 201>(c, resourceJson(row), 201, {
      location: `/v1${path}/${row.id}`,
    });
  });

  getByIdWithoutValidator(app, getRoute, (c, id) => {
    const row = getResource(contextOf(c, deps), id, type);
    return row instanceof Promise
      ? row.then((found) => sendRawJson(c, resourceJson(found), 200))
      : sendRawJson(c, resourceJson(row), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    await deleteResource(contextOf(c, deps), {
      id: c.req.valid("param").id,
      type,
      deprovisionDelayMs: deps.provisionDelayMs,
    });
    return noContent(c);
  });
}

export function registerTypedResourceRoutes(
  app: OpenAPIHono<ApiEnv>,
  deps: ResourceRouteDeps,
): void {
  for (const type of RESOURCE_TYPES) registerTypedView(app, deps, type);
}
