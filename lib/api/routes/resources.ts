import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
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

/** What the resource routes (plain, typed and actions) need from the process. */
export interface ResourceRouteDeps {
  db: Kysely<Database>;
  now: () => Date;
  /** PROVISION_DELAY_MS: how long provisioning (and deprovisioning) takes. */
  provisionDelayMs: number;
}

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
    const page = await listResources(contextOf(c, deps), {
      page: parseListQuery(paging),
      filters: { type, status, region, q, labels: parseLabelFilters(label) },
    });
    return sendJsonText<ResourceListDto, 200>(c, resourcePageJson(page), 200);
  });

  app.openapi(createResourceRoute, async (c) => {
    const body = c.req.valid("json");
    const { row } = await createResource(contextOf(c, deps), {
      ...body,
      idempotencyKey: c.get("idempotencyKey"),
      provisionDelayMs: deps.provisionDelayMs,
    });
    return sendJsonText<ResourceDto, 201>(c, resourceJson(row), 201, {
      location: `/v1/resources/${row.id}`,
    });
  });

  // The API's hottest path: on SQLite it answers without a promise (see getResource).
  getByIdWithoutValidator(app, getRoute, (c, id) => {
    const row = getResource(contextOf(c, deps), id);
    return row instanceof Promise
      ? row.then((found) => sendRawJson(c, resourceJson(found), 200))
      : sendRawJson(c, resourceJson(row), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const row = await updateResource(contextOf(c, deps), {
      id: c.req.valid("param").id,
      ...c.req.valid("json"),
    });
    return sendJsonText<ResourceDto, 200>(c, resourceJson(row), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    await deleteResource(contextOf(c, deps), {
      id: c.req.valid("param").id,
      deprovisionDelayMs: deps.provisionDelayMs,
    });
    return noContent(c);
  });
}
