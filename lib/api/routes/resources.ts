import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { parseListQuery } from "@/lib/pagination/list-query";
import { createResource } from "@/lib/resources/create-resource";
import { deleteResource } from "@/lib/resources/delete-resource";
import { getResource } from "@/lib/resources/get-resource";
import { listResources, parseLabelFilters } from "@/lib/resources/list-resources";
import { resourceJson, resourcePageJson } from "@/lib/resources/resource-view";
import { updateResource } from "@/lib/resources/update-resource";
import {
  createResourceSchema,
  listResourcesQuerySchema,
  type ResourceDto,
  type ResourceListDto,
  resourceIdParamsSchema,
  resourceListSchema,
  resourceSchema,
  updateResourceSchema,
} from "@/lib/schemas/resources";
import type { ApiEnv } from "../env";
import { jsonText, jsonTextResponse, noContent } from "../json-text";
import {
  commonErrorResponses,
  conflictResponse,
  notFoundResponse,
  validationResponse,
} from "../openapi-helpers";
import {
  domainContextOf,
  getByIdWithoutValidator,
  jsonContent,
  jsonRequestBody,
  noContentResponse,
  type ResourceRouteDeps,
  security,
} from "./resource-route-kit";

const TAGS = ["Resources"];

const listRoute = createRoute({
  method: "get",
  path: "/resources",
  tags: TAGS,
  summary: "List resources",
  description:
    "Every resource of the project in the key's environment, newest first, in either pagination style. Filters: type, status, region, q (name contains, case-insensitive) and label=key:value (repeat to require several).",
  security,
  "x-required-scope": "resources:read",
  request: { query: listResourcesQuerySchema },
  responses: {
    200: jsonContent(resourceListSchema, "A page of resources"),
    ...commonErrorResponses,
  },
});

const createResourceRoute = createRoute({
  method: "post",
  path: "/resources",
  tags: TAGS,
  summary: "Create a resource",
  description:
    "Answers 201 with status provisioning; a background job makes it active (resource.active event). type defaults to instance (the smallest size), region to us-east-1.",
  security,
  "x-required-scope": "resources:write",
  request: { body: jsonRequestBody(createResourceSchema) },
  responses: {
    201: jsonContent(resourceSchema, "The new resource, provisioning"),
    ...validationResponse,
    ...conflictResponse,
    ...commonErrorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/resources/{id}",
  tags: TAGS,
  summary: "Get a resource",
  security,
  "x-required-scope": "resources:read",
  request: { params: resourceIdParamsSchema },
  responses: {
    200: jsonContent(resourceSchema, "The resource"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/resources/{id}",
  tags: TAGS,
  summary: "Update a resource",
  description:
    "Renames, relabels (labels replaces the whole map) or resizes (spec.size of an instance, spec.size_gb of a volume, which only grows; bucket versioning and public). A resize while provisioning: 409.",
  security,
  "x-required-scope": "resources:write",
  request: { params: resourceIdParamsSchema, body: jsonRequestBody(updateResourceSchema) },
  responses: {
    200: jsonContent(resourceSchema, "The updated resource"),
    ...notFoundResponse,
    ...conflictResponse,
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/resources/{id}",
  tags: TAGS,
  summary: "Delete a resource",
  description:
    "204, after which GET answers 404. A resource something uses (an attached volume, a load balancer's target, a network with members) answers 409 naming each user, and is left as it was. Deleting an instance detaches its volumes.",
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

export function registerResourceRoutes(app: OpenAPIHono<ApiEnv>, deps: ResourceRouteDeps): void {
  app.openapi(listRoute, async (c) => {
    const { type, status, region, q, label, ...paging } = c.req.valid("query");
    const page = await listResources(domainContextOf(c, deps), {
      page: parseListQuery(paging),
      filters: { type, status, region, q, labels: parseLabelFilters(label) },
    });
    return jsonText<ResourceListDto, 200>(c, resourcePageJson(page), 200);
  });

  app.openapi(createResourceRoute, async (c) => {
    const body = c.req.valid("json");
    const { row } = await createResource(domainContextOf(c, deps), {
      ...body,
      idempotencyKey: c.get("idempotencyKey"),
      provisionDelayMs: deps.provisionDelayMs,
    });
    return jsonText<ResourceDto, 201>(c, resourceJson(row), 201, {
      location: `/v1/resources/${row.id}`,
    });
  });

  // The API's hottest path: on SQLite it answers without a promise (see getResource).
  getByIdWithoutValidator(app, getRoute, (c, id) => {
    const row = getResource(domainContextOf(c, deps), id);
    return row instanceof Promise
      ? row.then((found) => jsonTextResponse(c, resourceJson(found), 200))
      : jsonTextResponse(c, resourceJson(row), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const row = await updateResource(domainContextOf(c, deps), {
      id: c.req.valid("param").id,
      ...c.req.valid("json"),
    });
    return jsonText<ResourceDto, 200>(c, resourceJson(row), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    await deleteResource(domainContextOf(c, deps), {
      id: c.req.valid("param").id,
      deprovisionDelayMs: deps.provisionDelayMs,
    });
    return noContent(c);
  });
}
