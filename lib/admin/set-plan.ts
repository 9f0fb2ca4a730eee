import type { Kysely } from "kysely";
import { organizationWide, recordAudit } from "@/lib/audit/record-audit";
import type { Bus } from "@/lib/bus";
import type { Database, Plan } from "@/lib/db/schema";
import { AppError, notFound } from "@/lib/errors";
import { announcePlanChange } from "@/lib/keys/cache-invalidation";

export const PLANS: readonly Plan[] = ["free", "pro", "enterprise"];

/**
 * An operator's change of plan and per-minute override, recorded in the audit log. With a bus,
 * every instance listening on it applies the new limit from its next request; a server on
 * another bus (no Redis, while this runs in the admin CLI) sees the new updated_at within a
 * second (lib/keys/plan-change-watch).
 */
export async function setOrganizationPlan(
  db: Kysely<Database>,
  input: { slug: string; plan: Plan; rateLimitOverride: number | null; actor: string; now: Date },
  bus?: Bus,
): Promise<void> {
  if (
    input.rateLimitOverride !== null &&
    (!Number.isInteger(input.rateLimitOverride) || input.rateLimitOverride < 1)
  ) {
    throw new AppError("validation_failed", "rate limit override must be a positive integer");
  }
  await db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom("organizations")
      .select(["id", "plan", "rate_limit_override"])
      .where("slug", "=", input.slug)
      .executeTakeFirst();
    if (!org) throw notFound(`Organization ${input.slug}`);
    const at = input.now.toISOString();
    await trx
      .updateTable("organizations")
      .set({ plan: input.plan, rate_limit_override: input.rateLimitOverride, updated_at: at })
      .where("id", "=", org.id)
      .execute();
    await recordAudit(
      trx,
      {
        actor: { type: "system", id: input.actor },
        source: "cli",
        ...organizationWide(org.id),
        at: input.now,
      },
      {
        action: "organization.plan_changed",
        targets: [{ type: "organization", id: org.id, name: input.slug }],
        before: { plan: org.plan, rate_limit_override: org.rate_limit_override },
        after: { plan: input.plan, rate_limit_override: input.rateLimitOverride },
      },
    );
  });
  if (bus) await announcePlanChange(bus, input.slug);
}
