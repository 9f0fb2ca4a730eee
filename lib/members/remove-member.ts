import { recordAudit } from "@/lib/audit/record-audit";
import { type DomainContext, requireScope } from "@/lib/principal";
import { keepAnOwner, type MemberContext } from "./change-member-role";
import { recordingDenials } from "./denied-audit";
import { dropCachedKeys, keyHashesCreatedBy, revokeKeysCreatedBy } from "./key-scope-cut";
import { findMember } from "./member-queries";
import { actingRole, assertMayChange, lockOrganization } from "./member-rules";

function isSelf(ctx: DomainContext, userId: string): boolean {
  return ctx.principal.kind === "portal" && ctx.principal.userId === userId;
}

/**
 * Removes a member (or, for their own membership, lets them leave). The keys they created stay
 * the organization's and keep their creator's name; the last owner can neither be removed nor leave.
 */
export async function removeMember(
  ctx: MemberContext,
  id: string,
  options: { revokeKeys?: boolean } = {},
): Promise<void> {
  const org = ctx.principal.organizationId;
  const attempt = { action: "member.removed", targets: [{ type: "member", id }] };
  const hashes = await recordingDenials(ctx, attempt, () =>
    ctx.db.transaction().execute(async (trx) => {
      // Without members:write a member may only leave: anyone else's id is refused, found or not.
      const mayManage = ctx.principal.scopes.has("members:write");
      if (!mayManage && ctx.principal.kind !== "portal")
        requireScope(ctx.principal, "members:write");
      await lockOrganization(trx, org);
      const target = await findMember(trx, org, id).catch((error: unknown) => {
        if (!mayManage) requireScope(ctx.principal, "members:write");
        throw error;
      });
      if (!isSelf(ctx, target.user_id)) {
        requireScope(ctx.principal, "members:write");
        assertMayChange(ctx.principal, await actingRole(trx, ctx.principal), target, null);
      }
      await keepAnOwner(trx, org, target.role, "The last owner cannot be removed or leave");
      await trx.deleteFrom("memberships").where("id", "=", target.id).execute();
      await recordAudit(trx, ctx, {
        action: attempt.action,
        targets: [{ type: "member", id: target.id, name: target.email }],
        before: { email: target.email, role: target.role },
        after: null,
        organizationWide: true,
      });
      if (options.revokeKeys) {
        requireScope(ctx.principal, "keys:write");
        return revokeKeysCreatedBy(trx, ctx, target.user_id);
      }
      return keyHashesCreatedBy(trx, org, target.user_id);
    }),
  );
  await dropCachedKeys(ctx.bus, hashes);
}
