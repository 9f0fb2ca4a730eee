import type { Kysely } from "kysely";
import { ROLE_PERMISSIONS } from "@/lib/catalog/roles";
import { isScope, type Scope } from "@/lib/catalog/scopes";
import { fromJson } from "@/lib/db/json";
import type { Database, Environment, Plan } from "@/lib/db/schema";

/** The rate-limit and plan facts of an organization, shared by its keys and its members. */
export interface OrganizationLimits {
  id: string;
  slug: string;
  plan: Plan;
  /** An operator's per-minute live limit; null: the plan decides. */
  rateLimitOverride: number | null;
}

/** What authentication needs to know about a key. */
export interface KeyRecord {
  id: string;
  organizationId: string;
  projectId: string;
  environment: Environment;
  scopes: ReadonlySet<Scope>;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface KeyLookup {
  key: KeyRecord;
  organization: OrganizationLimits;
}

/** The key with its organization in one query (the cache fills both from it). */
export async function findKeyByHash(db: Kysely<Database>, hash: string): Promise<KeyLookup | null> {
  const row = await db
    .selectFrom("api_keys")
    .innerJoin("organizations", "organizations.id", "api_keys.organization_id")
    .leftJoin("memberships", (join) =>
      join
        .onRef("memberships.user_id", "=", "api_keys.created_by_user_id")
        .onRef("memberships.organization_id", "=", "api_keys.organization_id"),
    )
    .select([
      "memberships.role as creator_role",
      "api_keys.id",
      "api_keys.organization_id",
      "api_keys.project_id",
      "api_keys.environment",
      "api_keys.scopes",
      "api_keys.expires_at",
      "api_keys.revoked_at",
      "organizations.slug",
      "organizations.plan",
      "organizations.rate_limit_override",
    ])
    .where("api_keys.hash", "=", hash)
    .executeTakeFirst();
  if (!row) return null;
  // A key never acts above the current role of the member who created it: a demotion cuts its
  // scopes on the next request (the member's changes drop the key from the cache). A key whose
  // creator left keeps its scopes: keys belong to the organization.
  const cap = row.creator_role ? ROLE_PERMISSIONS[row.creator_role] : null;
  return {
    key: {
      id: row.id,
      organizationId: row.organization_id,
      projectId: row.project_id,
      environment: row.environment,
      scopes: new Set(
        fromJson<string[]>(row.scopes, [])
          .filter(isScope)
          .filter((scope) => !cap || cap.has(scope)),
      ),
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
    },
    organization: {
      id: row.organization_id,
      slug: row.slug,
      plan: row.plan,
      rateLimitOverride: row.rate_limit_override,
    },
  };
}

export async function findOrganizationLimits(
  db: Kysely<Database>,
  organizationId: string,
): Promise<OrganizationLimits | null> {
  const row = await db
    .selectFrom("organizations")
    .select(["id", "slug", "plan", "rate_limit_override"])
    .where("id", "=", organizationId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    slug: row.slug,
    plan: row.plan,
    rateLimitOverride: row.rate_limit_override,
  };
}

/** Usable now: not revoked and not past its expiry (rotated keys carry an expiry). */
export function isKeyUsable(
  key: Pick<KeyRecord, "expiresAt" | "revokedAt">,
  nowIso: string,
): boolean {
  if (key.revokedAt !== null) return false;
  return key.expiresAt === null || key.expiresAt > nowIso;
}
