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
