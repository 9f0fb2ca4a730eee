import { SCOPES, type Scope } from "./scopes";

export const ROLES = ["owner", "admin", "developer", "billing", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/**
 * How far a role reaches when managing members (lib/members/member-rules.ts holds the rules;
 * the portal reads this only to hide what would be refused). developer, billing and viewer sit
 * side by side; admin manages them and other admins; only owner reaches owners.
 */
export const ROLE_RANK: Record<Role, number> = {
  owner: 3,
  admin: 2,
  developer: 1,
  billing: 1,
  viewer: 1,
};

/** Portal-only powers that no API key can hold. */
export type Capability = "billing:manage" | "organization:manage" | "ownership:transfer";

export type Permission = Scope | Capability;

const everyScope: Permission[] = [...SCOPES];

/** What each member role may do. Keys carry scopes; members get these through the portal token. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set<Permission>([
    ...everyScope,
    "billing:manage",
    "organization:manage",
    "ownership:transfer",
  ]),
  admin: new Set<Permission>([...everyScope, "organization:manage"]),
  developer: new Set<Permission>([
    "resources:read",
    "resources:write",
    "usage:read",
    "events:read",
    "webhooks:read",
    "webhooks:write",
    "keys:read",
    "keys:write",
    "deployments:read",
    "deployments:write",
    "members:read",
    "logs:read",
  ]),
  billing: new Set<Permission>(["billing:read", "billing:manage", "usage:read", "members:read"]),
  viewer: new Set<Permission>([
    "resources:read",
    "usage:read",
    "events:read",
    "webhooks:read",
    "keys:read",
    "deployments:read",
    "members:read",
  ]),
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The scopes a member of this role can use through the API (and so grant to a key). */
export function scopesOfRole(role: Role): Scope[] {
  return SCOPES.filter((scope) => ROLE_PERMISSIONS[role].has(scope));
}
