import { recordAudit } from "@/lib/audit/record-audit";
import { forbidden } from "@/lib/errors";
import type { MemberContext } from "./change-member-role";
import { recordingDenials } from "./denied-audit";
import { findMember } from "./member-queries";
import { lockOrganization } from "./member-rules";
import { type MemberView, toMemberView } from "./member-view";

/**
 * An owner, signed in to the portal, hands ownership to another member: they become owner and
 * the caller becomes admin, in one transaction. No API key can do this.
 */
export async function transferOwnership(ctx: MemberContext, id: string): Promise<MemberView> {
  const org = ctx.principal.organizationId;
  const attempt = { action: "member.ownership_transferred", targets: [{ type: "member", id }] };
  return recordingDenials(ctx, attempt, () =>
    ctx.db.transaction().execute(async (trx) => {
      if (ctx.principal.kind !== "portal") {
        throw forbidden("Only an owner, signed in to the portal, can transfer ownership");
      }
      await lockOrganization(trx, org);
      const self = await trx
        .selectFrom("memberships")
        .select(["id", "role"])
        .where("organization_id", "=", org)
        .where("user_id", "=", ctx.principal.userId ?? "")
        .executeTakeFirst();
      if (self?.role !== "owner") throw forbidden("Only an owner can transfer ownership");
      const target = await findMember(trx, org, id);
      if (target.id === self.id) throw forbidden("Ownership can only go to another member");
      await trx
        .updateTable("memberships")
        .set({ role: "owner" })
        .where("id", "=", target.id)
        .execute();
      await trx
        .updateTable("memberships")
        .set({ role: "admin" })
        .where("id", "=", self.id)
        .execute();
      // Two members change: the new owner first, then the one who handed ownership over.
      await recordAudit(trx, ctx, {
        action: attempt.action,
        targets: [
          { type: "member", id: target.id, name: target.email },
          { type: "member", id: self.id },
        ],
        before: { role: target.role, previous_owner_role: "owner" },
        after: { role: "owner", previous_owner_role: "admin" },
        organizationWide: true,
      });
      return toMemberView({ ...target, role: "owner" });
    }),
  );
}
