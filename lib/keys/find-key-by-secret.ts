import type { Kysely } from "kysely";
import { fromJson } from "@/lib/db/json";
import type { Database, Environment, Plan } from "@/lib/db/schema";
import { isScope, type Scope } from "@/lib/rbac/scopes";

/** What authentication needs to know about a key, loaded in one query with its organization. */
export interface KeyRecord {
  id: string;
  organizationId: string;
  projectId: string;
  environment: Environment;
  scopes: ReadonlySet<Scope>;
  expiresAt: string | null;
  revokedAt: string | null;
  plan: Plan;
  rateLimitOverride: number | null;
}

export async function findKeyByHash(db: Kysely<Database>, hash: string): Promise<KeyRecord | null> {
  const row = await db
    .selectFrom("api_keys")
    .innerJoin("organizations", "organizations.id", "api_keys.organization_id")
    .select([
      "api_keys.id",
      "api_keys.organization_id",
      "api_keys.project_id",
      "api_keys.environment",
      "api_keys.scopes",
      "api_keys.expires_at",
      "api_keys.revoked_at",
      "organizations.plan",
      "organizations.rate_limit_override",
    ])
    .where("api_keys.hash", "=", hash)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    organizationId: row.organization_id,
    projectId: row.project_id,
    environment: row.environment,
    scopes: new Set(fromJson<string[]>(row.scopes, []).filter(isScope)),
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
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
