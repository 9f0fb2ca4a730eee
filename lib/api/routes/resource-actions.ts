import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import { runInstanceAction } from "@/lib/resources/instance-action";
import { runLoadBalancerAction } from "@/lib/resources/load-balancer-action";
import { resourceJson } from "@/lib/resources/resource-view";
import { runVolumeAction } from "@/lib/resources/volume-action";
import {
  instanceActionSchema,
  loadBalancerActionSchema,
  resourceIdParamsSchema,
  typedResourceSchemas,
  volumeActionSchema,
} from "@/lib/schemas/resources";
import type { ApiEnv } from "../env";
import {
  commonErrorResponses,
  conflictResponse,
  contextOf,
  jsonContent,
  jsonRequestBody,
  notFoundResponse,
  security,
  sendJsonText,
  validationResponse,
} from "../route-kit";
import type { ResourceRouteDeps } from "./resources";

const actionResponses = {
  ...notFoundResponse,
  ...conflictResponse,
  ...validationResponse,
  ...commonErrorResponses,
};

const instanceActionRoute = createRoute({
  method: "post",
  path: "/instances/{id}/actions",
  tags: ["Instances"],
  summary: "Run an instance action",
  description:
    "stop (active -> stopped), start (stopped -> active), reboot (active; emits instance.rebooted) or resize (with size; active or stopped). An action that does not fit the instance's status, or on an instance still provisioning: 409 saying why.",
  security,
  "x-required-scope": "resources:write",
  request: { params: resourceIdParamsSchema, body: jsonRequestBody(instanceActionSchema) },
  responses: {
    200: jsonContent(typedResourceSchemas.instance, "The instance after the action"),
    ...actionResponses,
  },
});

const volumeActionRoute = createRoute({
  method: "post",
  path: "/volumes/{id}/actions",
  tags: ["Volumes"],
  summary: "Attach or detach a volume",
  description:
    "attach (instance_id: an instance in the same region that finished provisioning) or detach. Attaching an attached volume: 409 naming the instance it is attached to.",
  security,
  "x-required-scope": "resources:write",
  request: { params: resourceIdParamsSchema, body: jsonRequestBody(volumeActionSchema) },
  responses: {
    200: jsonContent(typedResourceSchemas.volume, "The volume after the action"),
    ...actionResponses,
  },
});

const loadBalancerActionRoute = createRoute({
  method: "post",
  path: "/load-balancers/{id}/actions",
  tags: ["Load balancers"],
  summary: "Add or remove a load balancer target",
  description:
    "add_target / remove_target with instance_id (an instance in the same region). A target cannot be deleted until it is removed.",
  security,
  "x-required-scope": "resources:write",
  request: { params: resourceIdParamsSchema, body: jsonRequestBody(loadBalancerActionSchema) },
  responses: {
    200: jsonContent(typedResourceSchemas.load_balancer, "The load balancer after the action"),
    ...actionResponses,
  },
});

type Instance = z.infer<typeof typedResourceSchemas.instance>;
type Volume = z.infer<typeof typedResourceSchemas.volume>;
type LoadBalancer = z.infer<typeof typedResourceSchemas.load_balancer>;

export function registerResourceActionRoutes(
  app: OpenAPIHono<ApiEnv>,
  deps: ResourceRouteDeps,
): void {
  app.openapi(instanceActionRoute, async (c) => {
    const row = await runInstanceAction(contextOf(c, deps), {
      id: c.req.valid("param").id,
      action: c.req.valid("json"),
    });
    return sendJsonText<Instance, 200>(c, resourceJson(row), 200);
  });

  app.openapi(volumeActionRoute, async (c) => {
    const row = await runVolumeAction(contextOf(c, deps), {
      id: c.req.valid("param").id,
      action: c.req.valid("json"),
    });
    return sendJsonText<Volume, 200>(c, resourceJson(row), 200);
  });

  app.openapi(loadBalancerActionRoute, async (c) => {
    const row = await runLoadBalancerAction(contextOf(c, deps), {
      id: c.req.valid("param").id,
      action: c.req.valid("json"),
    });
    return sendJsonText<LoadBalancer, 200>(c, resourceJson(row), 200);
  });
}
