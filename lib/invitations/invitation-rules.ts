import type { Role } from "@/lib/catalog/roles";
import { forbidden } from "@/lib/errors";
import { roleRank } from "@/lib/members/member-rules";
import type { Principal } from "@/lib/principal";

/**
 * Nobody invites to (or resends, or revokes, an invitation for) a role above the one they act
 * with; only an owner signed in to the portal invites owners. `actor` comes from actingRole, so
 * a key is capped by its creator's current role and never acts above admin.
 */
export function assertMayInvite(principal: Principal, actor: Role, role: Role): void {
  if (roleRank(role) > roleRank(actor)) {
    throw forbidden(`A ${actor} cannot invite someone as ${role}`);
  }
  if (role === "owner" && !(principal.kind === "portal" && actor === "owner")) {
    throw forbidden("Only an owner, signed in to the portal, can invite owners");
  }
}
