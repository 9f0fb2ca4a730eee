import { recordAudit } from "@/lib/audit/record-audit";
import type { Plan } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import { emitEvent, eventOrigin } from "@/lib/events/emit-event";
import { announcePlanChange } from "@/lib/keys/cache-invalidation";
import { liveLimitOf } from "@/lib/ratelimit/limits";
import type { PlanChangeDto } from "@/lib/schemas/billing";
import { type BillingActionContext, requireBillingManager } from "./billing-manager";

/**
 * Changes the organization's plan (no payment is taken). The change, its time and the member are
 * in the audit log (`organization.plan_changed`, the same record the operator CLI writes, which
 * billing reads to pro-rate the fee); every instance then drops what it cached about the
 * organization, so the next request already has the new rate limit.
 */
export async function changePlan(
  ctx: BillingActionContext,
  input: { plan: Plan },
): Promise<PlanChangeDto> {
  requireBillingManager(ctx.principal);
  const at = ctx.now.toISOString();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom("organizations")
      .select(["id", "slug", "plan", "rate_limit_override"])
      .where("id", "=", ctx.principal.organizationId)
      .executeTakeFirst();
    if (!org) throw notFound("Organization");
    if (org.plan === input.plan) return { org, changed: false };
    await trx
      .updateTable("organizations")
      .set({ plan: input.plan, updated_at: at })
      .where("id", "=", org.id)
      .execute();
    const data = {
      from: { plan: org.plan, rate_limit_override: org.rate_limit_override },
      to: { plan: input.plan, rate_limit_override: org.rate_limit_override },
    };
    await recordAudit(trx, ctx, {
      action: "organization.plan_changed",
      targets: [{ type: "organization", id: org.id, name: org.slug }],
      before: data.from,
      after: data.to,
      organizationWide: true,
    });
    await emitEvent(trx, {
      ...eventOrigin(ctx),
      organizationId: org.id,
      projectId: ctx.principal.projectId,
      environment: ctx.principal.environment,
      type: "billing.plan_changed",
      objectId: org.id,
      data: { organization_id: org.id, ...data, changed_at: at },
      at: ctx.now,
    });
    return { org, changed: true };
  });
  if (result.changed) await announcePlanChange(ctx.bus, result.org.slug);
  return {
    object: "plan_change",
    organization_id: result.org.id,
    from: result.org.plan,
    to: input.plan,
    changed: result.changed,
    changed_at: at,
    changed_by: ctx.principal.userId,
    rate_limit_per_minute: liveLimitOf({
      plan: input.plan,
      rateLimitOverride: result.org.rate_limit_override,
    }),
  };
}
