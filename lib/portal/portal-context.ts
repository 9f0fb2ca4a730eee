import type { Kysely } from "kysely";
import type { Database, Environment, Plan, Role } from "@/lib/db/schema";

/** Cookies that remember the member's current organization, project and environment. */
export const CONTEXT_COOKIES = {
  organization: "cap_org",
  project: "cap_project",
  environment: "cap_env",
} as const;

export interface PortalMembership {
  organizationId: string;
  organizationName: string;
  organizationSlug: string;
  plan: Plan;
  role: Role;
  projects: Array<{ id: string; name: string; slug: string }>;
}

export interface PortalContext {
  user: { id: string; email: string; name: string };
  memberships: PortalMembership[];
  organization: { id: string; name: string; slug: string; plan: Plan };
  project: { id: string; name: string; slug: string };
  role: Role;
  environment: Environment;
  /** When this member was last recorded active in the organization (null: never). */
  lastActiveAt?: string | null;
}

export interface ContextChoice {
  organizationId?: string;
  projectId?: string;
  environment?: string;
}

/**
 * Resolves what a signed-in user is looking at. Cookie choices are only hints: an organization
 * the user no longer belongs to, or a project outside it, falls back to the first valid one.
 */
export async function loadPortalContext(
  db: Kysely<Database>,
  userId: string,
  choice: ContextChoice,
): Promise<PortalContext | null> {
  const user = await db
    .selectFrom("users")
    .select(["id", "email", "name"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) return null;
  const rows = await db
    .selectFrom("memberships")
    .innerJoin("organizations", "organizations.id", "memberships.organization_id")
    .select([
      "organizations.id as organizationId",
      "organizations.name as organizationName",
      "organizations.slug as organizationSlug",
      "organizations.plan as plan",
      "memberships.role as role",
      "memberships.last_active_at as lastActiveAt",
    ])
    .where("memberships.user_id", "=", userId)
    .orderBy("memberships.created_at")
    .execute();
  if (rows.length === 0) return null;
  const projects = await db
    .selectFrom("projects")
    .select(["id", "name", "slug", "organization_id"])
    .where(
      "organization_id",
      "in",
      rows.map((r) => r.organizationId),
    )
    .orderBy("created_at")
    .execute();
  const memberships: PortalMembership[] = rows.map(({ lastActiveAt: _, ...row }) => ({
    ...row,
    projects: projects
      .filter((p) => p.organization_id === row.organizationId)
      .map(({ id, name, slug }) => ({ id, name, slug })),
  }));
  const current =
    memberships.find((m) => m.organizationId === choice.organizationId) ?? memberships[0];
  if (!current) return null;
  const project = current.projects.find((p) => p.id === choice.projectId) ?? current.projects[0];
  if (!project) return null;
  return {
    user,
    memberships,
    organization: {
      id: current.organizationId,
      name: current.organizationName,
      slug: current.organizationSlug,
      plan: current.plan,
    },
    project,
    role: current.role,
    environment: choice.environment === "test" ? "test" : "live",
    lastActiveAt:
      rows.find((r) => r.organizationId === current.organizationId)?.lastActiveAt ?? null,
  };
}
