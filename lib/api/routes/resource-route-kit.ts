import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { DomainContext } from "@/lib/principal";
import type { ApiEnv } from "../env";

/** What the resource and event routes need from the process. */
export interface ResourceRouteDeps {
  db: Kysely<Database>;
  now: () => Date;
  /** PROVISION_DELAY_MS: how long provisioning (and deprovisioning) takes. */
  provisionDelayMs: number;
}

export const security = [{ bearerAuth: [] }];

export const jsonContent = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonRequestBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const noContentResponse = { 204: { description: "Deleted; GET now answers 404" } };

export function domainContextOf(
  c: Context<ApiEnv>,
  deps: Pick<ResourceRouteDeps, "db" | "now">,
): DomainContext {
  return { db: deps.db, principal: c.get("principal"), now: deps.now(), ip: c.get("clientIp") };
}

/**
 * A GET by id registered for the OpenAPI document as declared, but served without zod's path
 * parameter validator. Only for routes whose id parameter is a plain string (every value passes
 * it; an id of the wrong form is a 404 from the store, as before): the validator is one more
 * middleware and promise on the API's hottest path. The handler reads `c.req.param("id")`.
 */
export function getByIdWithoutValidator(
  app: OpenAPIHono<ApiEnv>,
  route: RouteConfig & { method: "get" },
  handler: (c: Context<ApiEnv>, id: string) => Response | Promise<Response>,
): void {
  app.openAPIRegistry.registerPath(route);
  app.get(route.path.replaceAll(/\/{(.+?)}/g, "/:$1"), (c) => handler(c, c.req.param("id") ?? ""));
}
