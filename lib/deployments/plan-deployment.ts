import type { Kysely } from "kysely";
import { loadPriceList } from "@/lib/billing/price-list";
import { toJson } from "@/lib/db/json";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { type DomainContext, type Principal, requireScope } from "@/lib/principal";
import type { DeploymentInput, DeploymentPlanDto } from "@/lib/schemas/deployments";
import { monthlyCostCents } from "./plan-cost";
import { regionAvailability, requireUsableRegions } from "./region-availability";
import { type ServiceState, serviceState } from "./service-state";
import {
  buildWaves,
  resolveTemplate,
  type ServiceTemplate,
  sameTemplate,
  type WaveState,
} from "./template";

export const PLAN_TTL_MS = 60 * 60 * 1000;

/** A deployment's input checked and resolved against the store: shared by plan and create. */
export interface PreparedDeployment {
  template: ServiceTemplate;
  waves: WaveState[];
  state: ServiceState;
  /** Regions the service runs in that the new revision leaves. */
  removed: string[];
  availability: Map<string, boolean>;
}

export async function prepareDeployment(
  db: Kysely<Database>,
  principal: Principal,
  input: DeploymentInput,
): Promise<PreparedDeployment> {
  const availability = await regionAvailability(db);
  requireUsableRegions(input.regions, availability);
  const waves = buildWaves(input.regions, input.strategy ?? { type: "rolling" });
  const template = resolveTemplate(input.template);
  const state = await serviceState(db, principal, input.service);
  const removed = [...state.regions.keys()].filter((r) => !input.regions.includes(r));
  return { template, waves, state, removed, availability };
}

type Change = DeploymentPlanDto["regions"][number]["changes"][number];

function changesFor(before: ServiceTemplate | undefined, after: ServiceTemplate | undefined) {
  const changes: Change[] = [];
  const instances = (action: Change["action"], t: ServiceTemplate): Change => ({
    action,
    resource_type: "instance",
    count: t.count,
    size: t.size,
    image: t.image,
  });
  const other = (action: Change["action"], type: "volume" | "load_balancer", count: number) => ({
    action,
    resource_type: type,
    count,
    size: null,
    image: null,
  });
  if (after && !before) {
    changes.push(instances("create", after));
    if (after.volume_gb !== null) changes.push(other("create", "volume", after.count));
    if (after.load_balancer) changes.push(other("create", "load_balancer", 1));
  } else if (before && !after) {
    changes.push(instances("delete", before));
    if (before.volume_gb !== null) changes.push(other("delete", "volume", before.count));
    if (before.load_balancer) changes.push(other("delete", "load_balancer", 1));
  } else if (before && after) {
    const same = sameTemplate(before, after);
    // Blue/green: a new revision always brings new instances (and their volumes).
    changes.push(instances(same ? "keep" : "replace", after));
    if (after.volume_gb !== null || before.volume_gb !== null) {
      if (after.volume_gb === null) changes.push(other("delete", "volume", before.count));
      else if (before.volume_gb === null) changes.push(other("create", "volume", after.count));
      else changes.push(other(same ? "keep" : "replace", "volume", after.count));
    }
    if (after.load_balancer && before.load_balancer)
      changes.push(other("keep", "load_balancer", 1));
    else if (after.load_balancer) changes.push(other("create", "load_balancer", 1));
    else if (before.load_balancer) changes.push(other("delete", "load_balancer", 1));
  }
  return changes;
}

/** The plan body for a prepared deployment (no store writes). */
export async function describePlan(
  db: Kysely<Database>,
  principal: Principal,
  input: DeploymentInput,
  prepared: PreparedDeployment,
  id: string,
  expiresAt: Date,
): Promise<DeploymentPlanDto> {
  const prices = await loadPriceList(db);
  const cost = (t: ServiceTemplate | undefined) => monthlyCostCents(prices, principal.plan, t);
  const regions = [...input.regions, ...prepared.removed].map((region) => {
    const before = prepared.state.regions.get(region)?.template;
    const after = input.regions.includes(region) ? prepared.template : undefined;
    return {
      region,
      available: prepared.availability.get(region) === true,
      changes: changesFor(before, after),
      monthly_cost_before: cost(before),
      monthly_cost_after: cost(after),
    };
  });
  const delta = regions.reduce((sum, r) => sum + r.monthly_cost_after - r.monthly_cost_before, 0);
  return {
    id,
    object: "deployment_plan",
    service: input.service,
    base_deployment_id: prepared.state.baseDeploymentId,
    expires_at: expiresAt.toISOString(),
    currency: "usd",
    regions,
    monthly_cost_delta: delta,
  };
}

/**
 * The dry run: checks the input exactly as a deployment would, answers the per-region diff
 * against what the service runs now with the monthly cost before and after, and stores the
 * plan for an hour so a deployment can be held to it (plan_id).
 */
export async function planDeployment(
  ctx: DomainContext,
  input: DeploymentInput,
): Promise<DeploymentPlanDto> {
  const { principal } = ctx;
  requireScope(principal, "deployments:read");
  const prepared = await prepareDeployment(ctx.db, principal, input);
  const expiresAt = new Date(ctx.now.getTime() + PLAN_TTL_MS);
  const plan = await describePlan(ctx.db, principal, input, prepared, newId("plan"), expiresAt);
  await ctx.db
    .insertInto("deployment_plans")
    .values({
      id: plan.id,
      organization_id: principal.organizationId,
      project_id: principal.projectId,
      environment: principal.environment,
      service: input.service,
      base_deployment_id: plan.base_deployment_id,
      body: toJson(plan),
      expires_at: plan.expires_at,
      created_at: ctx.now.toISOString(),
    })
    .execute();
  return plan;
}
