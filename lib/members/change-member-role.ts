import type { Kysely } from "kysely";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Bus } from "@/lib/bus";
import type { Role } from "@/lib/catalog/roles";
import type { Database } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import { recordingDenials } from "./denied-audit";
import { dropCachedKeys, keyHashesCreatedBy } from "./key-scope-cut";
import { findMember } from "./member-queries";
import { actingRole, assertMayChange, lockOrganization, ownerCount } from "./member-rules";
import { type MemberView, toMemberView } from "./member-view";

export type MemberContext = DomainContext & { bus?: Bus };

export const lastOwner = (what: string) =>
  new AppError("last_owner", `${what}: an organization keeps at least one owner`);

/** Refuses to take the owner role away from the organization's last owner (rows locked first). */
export async function keepAnOwner(
  trx: Kysely<Database>,
  organizationId: string,
  losing: Role,
  what: string,
): Promise<void> {
  if (losing === "owner" && (await ownerCount(trx, organizationId)) <= 1) throw lastOwner(what);
}

/** Changes a member's role under the escalation rules; takes effect on their next request. */
export async function changeMemberRole(
  ctx: MemberContext,
  input: { id: string; role: Role },
): Promise<MemberView> {
  const org = ctx.principal.organizationId;
  const attempt = {
    action: "member.role_changed",
    targets: [{ type: "member", id: input.id }],
    details: { requested_role: input.role },
  };
  const { member, hashes } = await recordingDenials(ctx, attempt, () =>
    ctx.db.transaction().execute(async (trx) => {
      requireScope(ctx.principal, "members:write");
      await lockOrganization(trx, org);
      const actor = await actingRole(trx, ctx.principal);
      const target = await findMember(trx, org, input.id);
      // Of two owners demoting each other at once, the one who waited for the lock is no owner
      // any more; they acted as one, so they learn the real reason (409), not a 403.
      if (ctx.principal.role === "owner" && input.role !== "owner") {
        await keepAnOwner(trx, org, target.role, "The last owner cannot be demoted");
      }
      assertMayChange(ctx.principal, actor, target, input.role);
      if (target.role === input.role) return { member: target, hashes: [] };
      await trx
        .updateTable("memberships")
        .set({ role: input.role })
        .where("id", "=", target.id)
        .execute();
      await recordAudit(trx, ctx, {
        action: attempt.action,
        targets: [{ type: "member", id: target.id, name: target.email }],
        before: { role: target.role },
        after: { role: input.role },
        organizationWide: true,
      });
      const changed = { ...target, role: input.role };
      return { member: changed, hashes: await keyHashesCreatedBy(trx, org, target.user_id) };
    }),
  );
  await dropCachedKeys(ctx.bus, hashes);
  return toMemberView(member);
}
