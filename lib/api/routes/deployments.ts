import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { startDeployment } from "@/lib/deployments/create-deployment";
import { DEPLOYMENT_ACTIONS, deploymentAction } from "@/lib/deployments/deployment-actions";
import { getDeployment, listDeployments } from "@/lib/deployments/get-deployments";
import { planDeployment } from "@/lib/deployments/plan-deployment";
import { parseListQuery } from "@/lib/pagination/list-query";
import {
  deploymentIdParamsSchema,
  deploymentInputSchema,
  deploymentListSchema,
  deploymentPlanSchema,
  deploymentSchema,
  listDeploymentsQuerySchema,
} from "@/lib/schemas/deployments";
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

export interface DeploymentRouteDeps {
  db: Kysely<Database>;
  now: () => Date;
}

const TAGS = ["Deployments"];

const planRoute = createRoute({
  method: "post",
  path: "/deployments/plan",
  tags: TAGS,
  summary: "Plan a deployment",
  description:
    "A dry run: checks the body exactly as POST /v1/deployments would and answers, per region, what would be created, replaced, deleted or kept, with the monthly cost before and after (cents, at the plan's list prices). Changes nothing; the plan is kept an hour so a deployment can be held to it with plan_id.",
  security,
  "x-required-scope": "deployments:read",
  request: { body: jsonRequestBody(deploymentInputSchema) },
  responses: {
    200: jsonContent(deploymentPlanSchema, "The plan"),
    ...validationResponse,
    ...commonErrorResponses,
  },
});

const createDeploymentRoute = createRoute({
  method: "post",
  path: "/deployments",
  tags: TAGS,
  summary: "Start a deployment",
  description:
    "Answers 201 with status queued; durable jobs roll the service out wave by wave. 409 deployment_in_progress while another deployment of the service is active; 409 plan_stale when plan_id's base changed; 422 naming an unknown or unavailable region.",
  security,
  "x-required-scope": "deployments:write",
  request: { body: jsonRequestBody(deploymentInputSchema) },
  responses: {
    201: jsonContent(deploymentSchema, "The new deployment"),
    ...validationResponse,
    ...conflictResponse,
    ...commonErrorResponses,
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/deployments",
  tags: TAGS,
  summary: "List deployments",
  description: "Newest first; filters service and status.",
  security,
  "x-required-scope": "deployments:read",
  request: { query: listDeploymentsQuerySchema },
  responses: {
    200: jsonContent(deploymentListSchema, "A page of deployments"),
    ...commonErrorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/deployments/{id}",
  tags: TAGS,
  summary: "Get a deployment",
  description: "With one target per region (wave, status, steps, resource counts) and progress.",
  security,
  "x-required-scope": "deployments:read",
  request: { params: deploymentIdParamsSchema },
  responses: {
    200: jsonContent(deploymentSchema, "The deployment"),
    ...notFoundResponse,
    ...commonErrorResponses,
  },
});

const ACTION_TEXT: Record<(typeof DEPLOYMENT_ACTIONS)[number], string> = {
  pause:
    "Running targets finish; no new target or wave starts until resume. From queued or in_progress.",
  resume: "Continues a paused deployment.",
  cancel:
    "Stops the deployment: pending targets are skipped and the regions it changed are rolled back; ends canceled.",
  approve:
    "Lets a wave waiting at awaiting_approval start. Only a member other than the deployment's creator (a key counts as the member who made it).",
  reject:
    "Refuses a wave waiting for approval; the regions already changed are rolled back. Same rule as approve.",
  rollback:
    "An active deployment: deletes what it made and leaves the previous revision serving. A finished one: deploys the previous succeeded revision as a new deployment, which is answered.",
};

export function registerDeploymentRoutes(
  app: OpenAPIHono<ApiEnv>,
  deps: DeploymentRouteDeps,
): void {
  app.openapi(planRoute, async (c) => {
    const plan = await planDeployment(contextOf(c, deps), c.req.valid("json"));
    return sendJson(c, plan, 200);
  });

  app.openapi(createDeploymentRoute, async (c) => {
    const deployment = await startDeployment(contextOf(c, deps), {
      ...c.req.valid("json"),
      idempotencyKey: c.get("idempotencyKey"),
    });
    return sendJson(c, deployment, 201, { location: `/v1/deployments/${deployment.id}` });
  });

  app.openapi(listRoute, async (c) => {
    const { service, status, ...paging } = c.req.valid("query");
    const page = await listDeployments(contextOf(c, deps), {
      page: parseListQuery(paging),
      service,
      status,
    });
    return sendJson(c, page, 200);
  });

  app.openapi(getRoute, async (c) => {
    return sendJson(c, await getDeployment(contextOf(c, deps), c.req.valid("param").id), 200);
  });

  for (const action of DEPLOYMENT_ACTIONS) {
    const route = createRoute({
      method: "post",
      path: `/deployments/{id}/${action}`,
      tags: TAGS,
      summary: `${action[0]?.toUpperCase()}${action.slice(1)} a deployment`,
      description: `${ACTION_TEXT[action]} An action the deployment's status forbids: 409 naming the status.`,
      security,
      "x-required-scope": "deployments:write",
      request: { params: deploymentIdParamsSchema },
      responses: {
        200: jsonContent(deploymentSchema, "The deployment"),
        ...notFoundResponse,
        ...conflictResponse,
        ...commonErrorResponses,
      },
    });
    app.openapi(route, async (c) => {
      const deployment = await deploymentAction(
        contextOf(c, deps),
        c.req.valid("param").id,
        action,
        c.get("idempotencyKey"),
      );
      return sendJson(c, deployment, 200);
    });
  }
}
