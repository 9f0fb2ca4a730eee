import { inTenant } from "@/lib/db/tenant";
import { notFound } from "@/lib/errors";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { DeploymentDto, DeploymentStatus } from "@/lib/schemas/deployments";
import { deploymentDtos } from "./deployment-view";

export async function getDeployment(ctx: DomainContext, id: string): Promise<DeploymentDto> {
  requireScope(ctx.principal, "deployments:read");
  return deploymentById(ctx, id);
}

/**
 * The deployment as the API shows it, without a scope check: what a create or an action answers
 * (deployments:write alone is enough to see the deployment one just changed).
 */
export async function deploymentById(ctx: DomainContext, id: string): Promise<DeploymentDto> {
  const row = await ctx.db
    .selectFrom("deployments")
    .selectAll()
    .where(inTenant(ctx.principal))
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(`Deployment ${id}`);
  const [dto] = await deploymentDtos(ctx.db, [row]);
  if (!dto) throw notFound(`Deployment ${id}`);
  return dto;
}

export interface ListDeploymentsInput {
  page: ListQuery;
  service?: string | undefined;
  status?: DeploymentStatus | undefined;
}

export async function listDeployments(
  ctx: DomainContext,
  input: ListDeploymentsInput,
): Promise<Page<DeploymentDto>> {
  requireScope(ctx.principal, "deployments:read");
  const base = ctx.db
    .selectFrom("deployments")
    .where(inTenant(ctx.principal))
    .$if(input.service !== undefined, (q) => q.where("service", "=", input.service ?? ""))
    .$if(input.status !== undefined, (q) => q.where("status", "=", input.status ?? ""));
  const [rows, count] = await Promise.all([
    newestFirstWindow(base.selectAll(), "deployments", input.page).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const page = toPage(rows, input.page, Number(count.total));
  return { ...page, data: await deploymentDtos(ctx.db, page.data) };
}
