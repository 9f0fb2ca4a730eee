import { ROLES, scopesOfRole } from "@/lib/catalog/roles";
import type { Scope } from "@/lib/catalog/scopes";
import type { Role } from "@/lib/db/schema";
import type { OrganizationLimits } from "@/lib/keys/find-key-by-secret";
import type { Principal } from "@/lib/principal";
import type { PortalTokenClaims } from "./portal-token";

// Made once: every portal request of a role shares its (read-only) scope set.
const scopesByRole = new Map<Role, ReadonlySet<Scope>>(
  ROLES.map((role) => [role, new Set(scopesOfRole(role))]),
);

/** A signed-in member acting through the portal: the role's permissions, the organization's plan. */
export function portalPrincipal(
  claims: PortalTokenClaims,
  organization: OrganizationLimits,
): Principal {
  return {
    kind: "portal",
    organizationId: organization.id,
    projectId: claims.projectId,
    environment: claims.environment,
    plan: organization.plan,
    scopes: scopesByRole.get(claims.role) ?? new Set(),
    keyId: null,
    userId: claims.userId,
    role: claims.role,
  };
}
