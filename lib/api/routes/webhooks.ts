import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { Config } from "@/lib/config";
import type { Database } from "@/lib/db/schema";
import { parseListQuery } from "@/lib/pagination/list-query";
import {
  createWebhookEndpointSchema,
  listWebhookDeliveriesQuerySchema,
  listWebhookEndpointsQuerySchema,
  rotateWebhookSecretBodySchema,
  updateWebhookEndpointSchema,
  webhookDeliveryListSchema,
  webhookDeliveryParamsSchema,
  webhookDeliverySchema,
  webhookEndpointIdParamsSchema,
  webhookEndpointListSchema,
  webhookEndpointSchema,
  webhookEndpointWithSecretSchema,
} from "@/lib/schemas/webhooks";
import { createWebhookEndpoint } from "@/lib/webhooks/create-endpoint";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-endpoint";
import { toDeliveryView } from "@/lib/webhooks/delivery-view";
import { enableWebhookEndpoint } from "@/lib/webhooks/enable-endpoint";
import { toEndpointView } from "@/lib/webhooks/endpoint-view";
import { getWebhookEndpoint } from "@/lib/webhooks/get-endpoint";
import { listWebhookDeliveries } from "@/lib/webhooks/list-deliveries";
import { listWebhookEndpoints } from "@/lib/webhooks/list-endpoints";
import { retryWebhookDelivery } from "@/lib/webhooks/retry-delivery";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { sendWebhookTestEvent } from "@/lib/webhooks/send-test-event";
import { updateWebhookEndpoint } from "@/lib/webhooks/update-endpoint";
import { webhookSettingsOf } from "@/lib/webhooks/webhook-context";
import type { ApiEnv } from "../env";
import {
  commonErrorResponses,
  conflictResponse,
  contextOf,
  jsonContent,
  jsonRequestBody,
  noContent,
  notFoundResponse,
  optionalJsonRequestBody,
  security,
  sendJson,
  validationResponse,
} from "../route-kit";

export interface WebhookRouteDeps {
  db: Kysely<Database>;
  now: () => Date;
  config: Config;
  sessionSecret: string;
}

const TAGS = ["Webhooks"];
const RETRIES =
  "A failed attempt (no 2xx within 10 s) is retried 1 min, 5 min, 30 min, 2 h and 24 h after the first; when the fifth retry fails too the delivery is failed and the endpoint disabled (owners and admins are e-mailed).";

const listRoute = createRoute({
  method: "get",
  path: "/webhook-endpoints",
  tags: TAGS,
  summary: "List webhook endpoints",
  description:
    "The endpoints of the project in the key's environment, newest first, in either pagination style. Secrets are never listed.",
  security,
  "x-required-scope": "webhooks:read",
  request: { query: listWebhookEndpointsQuerySchema },
  responses: {
    200: jsonContent(webhookEndpointListSchema, "A page of endpoints"),
    ...commonErrorResponses,
  },
});

const createEndpointRoute = createRoute({
  method: "post",
  path: "/webhook-endpoints",
  tags: TAGS,
  summary: "Create a webhook endpoint",
  description: `Events of the key's environment that match enabled_events are POSTed to url, signed with the endpoint's secret (Cloud-Signature). The secret is in this answer only. ${RETRIES}`,
  security,
  "x-required-scope": "webhooks:write",
  request: { body: jsonRequestBody(createWebhookEndpointSchema) },
  responses: {
    201: jsonContent(webhookEndpointWithSecretSchema, "The new endpoint, with its signing secret"),
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/webhook-endpoints/{id}",
  tags: TAGS,
  summary: "Get a webhook endpoint",
  security,
  "x-required-scope": "webhooks:read",
  request: { params: webhookEndpointIdParamsSchema },
  responses: {
    200: jsonContent(webhookEndpointSchema, "The endpoint (never its secret)"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const updateRoute = createRoute({
  method: "patch",
  path: "/webhook-endpoints/{id}",
  tags: TAGS,
  summary: "Update a webhook endpoint",
  description:
    "Changes url, description or enabled_events (which replaces the list), or status: disabled stops deliveries, enabled starts them again with the failure count at zero.",
  security,
  "x-required-scope": "webhooks:write",
  request: {
    params: webhookEndpointIdParamsSchema,
    body: jsonRequestBody(updateWebhookEndpointSchema),
  },
  responses: {
    200: jsonContent(webhookEndpointSchema, "The updated endpoint"),
    ...notFoundResponse,
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/webhook-endpoints/{id}",
  tags: TAGS,
  summary: "Delete a webhook endpoint",
  description:
    "204, after which GET answers 404. Its delivery history goes with it; queued attempts are dropped.",
  security,
  "x-required-scope": "webhooks:write",
  request: { params: webhookEndpointIdParamsSchema },
  responses: {
    204: { description: "Deleted; GET now answers 404" },
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const enableRoute = createRoute({
  method: "post",
  path: "/webhook-endpoints/{id}/enable",
  tags: TAGS,
  summary: "Re-enable a webhook endpoint",
  description:
    "Turns a disabled endpoint (by a person or after failing deliveries) on again, with its failure count at zero. Deliveries that failed stay failed: retry the ones you need.",
  security,
  "x-required-scope": "webhooks:write",
  request: { params: webhookEndpointIdParamsSchema },
  responses: {
    200: jsonContent(webhookEndpointSchema, "The enabled endpoint"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const rotateRoute = createRoute({
  method: "post",
  path: "/webhook-endpoints/{id}/rotate-secret",
  tags: TAGS,
  summary: "Rotate a webhook signing secret",
  description:
    "Issues a new signing secret, used from the next attempt on (retries of earlier events included). The old one stops at once, or with expires_in keeps signing beside the new one (two signatures in Cloud-Signature and webhook-signature) until previous_secret_expires_at. The body is optional. The new secret is in this answer only.",
  security,
  "x-required-scope": "webhooks:write",
  request: {
    params: webhookEndpointIdParamsSchema,
    body: optionalJsonRequestBody(rotateWebhookSecretBodySchema),
  },
  responses: {
    200: jsonContent(webhookEndpointWithSecretSchema, "The endpoint, with its new secret"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const testRoute = createRoute({
  method: "post",
  path: "/webhook-endpoints/{id}/test",
  tags: TAGS,
  summary: "Send a test event",
  description:
    "Queues a webhook.test event to this endpoint only (also when it is disabled, to check a fix before re-enabling). One attempt, no retries; follow it in the deliveries list.",
  security,
  "x-required-scope": "webhooks:write",
  request: { params: webhookEndpointIdParamsSchema },
  responses: {
    202: jsonContent(webhookDeliverySchema, "The queued delivery (pending)"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const deliveriesRoute = createRoute({
  method: "get",
  path: "/webhook-endpoints/{id}/deliveries",
  tags: TAGS,
  summary: "List an endpoint's deliveries",
  description: `Each event sent (or being sent) to the endpoint, newest first, in either pagination style: status, attempts, the next attempt, and the last answer's status, latency and first characters. ${RETRIES}`,
  security,
  "x-required-scope": "webhooks:read",
  request: { params: webhookEndpointIdParamsSchema, query: listWebhookDeliveriesQuerySchema },
  responses: {
    200: jsonContent(webhookDeliveryListSchema, "A page of deliveries"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const retryRoute = createRoute({
  method: "post",
  path: "/webhook-endpoints/{id}/deliveries/{delivery_id}/retry",
  tags: TAGS,
  summary: "Retry a delivery",
  description:
    "Sends a failed (or succeeded) delivery once more, now, with the same event id and body. One attempt, no schedule after it. A pending delivery, or one of a disabled endpoint, is a 409.",
  security,
  "x-required-scope": "webhooks:write",
  request: { params: webhookDeliveryParamsSchema },
  responses: {
    202: jsonContent(webhookDeliverySchema, "The delivery, pending again"),
    ...notFoundResponse,
    ...conflictResponse,
    ...commonErrorResponses,
  },
});

export function registerWebhookRoutes(app: OpenAPIHono<ApiEnv>, deps: WebhookRouteDeps): void {
  const settings = { webhooks: webhookSettingsOf(deps.config, deps.sessionSecret) };

  app.openapi(listRoute, async (c) => {
    const { status, ...paging } = c.req.valid("query");
    const page = await listWebhookEndpoints(contextOf(c, deps, settings), {
      page: parseListQuery(paging),
      status,
    });
    return sendJson(c, { data: page.data.map(toEndpointView), meta: page.meta }, 200);
  });

  app.openapi(createEndpointRoute, async (c) => {
    const body = c.req.valid("json");
    const { row, secret } = await createWebhookEndpoint(contextOf(c, deps, settings), {
      url: body.url,
      description: body.description,
      enabledEvents: body.enabled_events,
      idempotencyKey: c.get("idempotencyKey"),
    });
    return sendJson(c, { ...toEndpointView(row), secret }, 201, {
      location: `/v1/webhook-endpoints/${row.id}`,
    });
  });

  app.openapi(getRoute, async (c) => {
    const row = await getWebhookEndpoint(contextOf(c, deps, settings), c.req.valid("param").id);
    return sendJson(c, toEndpointView(row), 200);
  });

  app.openapi(updateRoute, async (c) => {
    const body = c.req.valid("json");
    const row = await updateWebhookEndpoint(contextOf(c, deps, settings), {
      id: c.req.valid("param").id,
      url: body.url,
      description: body.description,
      enabledEvents: body.enabled_events,
      status: body.status,
    });
    return sendJson(c, toEndpointView(row), 200);
  });

  app.openapi(deleteRoute, async (c) => {
    await deleteWebhookEndpoint(contextOf(c, deps, settings), c.req.valid("param").id);
    return noContent(c);
  });

  app.openapi(enableRoute, async (c) => {
    const row = await enableWebhookEndpoint(contextOf(c, deps, settings), c.req.valid("param").id);
    return sendJson(c, toEndpointView(row), 200);
  });

  app.openapi(rotateRoute, async (c) => {
    const { row, secret } = await rotateWebhookSecret(contextOf(c, deps, settings), {
      id: c.req.valid("param").id,
      // No body at all: the handler sees {}, so the default is applied here.
      expiresIn: c.req.valid("json").expires_in ?? "now",
    });
    return sendJson(c, { ...toEndpointView(row), secret }, 200);
  });

  app.openapi(testRoute, async (c) => {
    const row = await sendWebhookTestEvent(contextOf(c, deps, settings), c.req.valid("param").id);
    return sendJson(c, toDeliveryView(row), 202);
  });

  app.openapi(deliveriesRoute, async (c) => {
    const { status, ...paging } = c.req.valid("query");
    const page = await listWebhookDeliveries(contextOf(c, deps, settings), {
      endpointId: c.req.valid("param").id,
      page: parseListQuery(paging),
      status,
    });
    return sendJson(c, { data: page.data.map(toDeliveryView), meta: page.meta }, 200);
  });

  app.openapi(retryRoute, async (c) => {
    const params = c.req.valid("param");
    const row = await retryWebhookDelivery(contextOf(c, deps, settings), {
      endpointId: params.id,
      deliveryId: params.delivery_id,
    });
    return sendJson(c, toDeliveryView(row), 202);
  });
}
