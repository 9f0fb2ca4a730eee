import type { Kysely } from "kysely";
import { fromJson } from "@/lib/db/json";
import type { Database } from "@/lib/db/schema";
import { inTenant, type TenantScope } from "@/lib/db/tenant";
import type { ServiceTemplate } from "./template";

function flattenSet(text: string): string[] {
  const set = fromJson<{
    instanceIds?: string[];
    volumeIds?: string[];
    loadBalancerId?: string | null;
  }>(text, {});
  return [
    ...(set.instanceIds ?? []),
    ...(set.volumeIds ?? []),
    ...(set.loadBalancerId ? [set.loadBalancerId] : []),
  ];
}

/** What a service runs in one region now: the template and the deployment that put it there. */
export interface RegionState {
  region: string;
  deploymentId: string;
  template: ServiceTemplate;
  resourceIds: string[];
}

export interface ServiceState {
  /** The service's latest succeeded deployment: what a new one replaces. */
  baseDeploymentId: string | null;
  regions: Map<string, RegionState>;
}

/**
 * Per region, the latest target of the service that succeeded decides what runs there (a
 * removing target means nothing does). Failed and rolled-back targets left the old revision in
 * place, so they do not count.
 */
export async function serviceState(
  db: Kysely<Database>,
  scope: TenantScope,
  service: string,
  /** Leave this deployment out (the one cutting over asks what ran before it). */
  excludeId?: string,
): Promise<ServiceState> {
  const base = await db
    .selectFrom("deployments")
    .select("id")
    .where(inTenant(scope))
    .where("service", "=", service)
    .where("status", "=", "succeeded")
    .$if(excludeId !== undefined, (q) => q.where("id", "!=", excludeId ?? ""))
    .orderBy("revision", "desc")
    .limit(1)
    .executeTakeFirst();
  const rows = await db
    .selectFrom("deployment_targets")
    .innerJoin("deployments", "deployments.id", "deployment_targets.deployment_id")
    .select([
      "deployment_targets.region",
      "deployment_targets.removes",
      "deployment_targets.resource_ids",
      "deployments.id",
      "deployments.template",
    ])
    .where(inTenant(scope, "deployments"))
    .where("deployments.service", "=", service)
    .where("deployment_targets.status", "=", "succeeded")
    .$if(excludeId !== undefined, (q) => q.where("deployments.id", "!=", excludeId ?? ""))
    .orderBy("deployments.revision", "desc")
    .execute();
  const regions = new Map<string, RegionState>();
  const decided = new Set<string>();
  for (const row of rows) {
    if (decided.has(row.region)) continue;
    decided.add(row.region);
    if (Number(row.removes) === 1) continue;
    regions.set(row.region, {
      region: row.region,
      deploymentId: row.id,
      template: fromJson<ServiceTemplate>(row.template, {
        size: "",
        image: "",
        count: 0,
        load_balancer: false,
        volume_gb: null,
      }),
      resourceIds: flattenSet(row.resource_ids),
    });
  }
  return { baseDeploymentId: base?.id ?? null, regions };
}
