import { ROLE_RANK, ROLES, type Role } from "@/lib/catalog/roles";

// Client-side mirror of the API's rules, only to hide or disable what it would refuse (403).

/** The roles a member with `actor` may invite someone as, or give someone. */
export function grantableRoles(actor: Role): Role[] {
  return ROLES.filter(
    (role) => ROLE_RANK[role] <= ROLE_RANK[actor] && (role !== "owner" || actor === "owner"),
  );
}

/** Whether `actor` may change or remove a member holding `target` (owners only by owners). */
export function mayManage(actor: Role, target: Role): boolean {
  if (target === "owner") return actor === "owner";
  return ROLE_RANK[target] <= ROLE_RANK[actor];
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  developer: "Developer",
  billing: "Billing",
  viewer: "Viewer",
};
