import type { Plan } from "@/lib/db/schema";
import type { OrganizationLimits } from "@/lib/keys/find-key-by-secret";
import type { Principal } from "@/lib/principal";

/** Every bucket counts requests in fixed 60-second windows. */
export const WINDOW_SECONDS = 60;

/** Live traffic per organization and minute, by plan (an operator's override replaces it). */
export const PLAN_LIMITS: Readonly<Record<Plan, number>> = {
  free: 100,
  pro: 10_000,
  enterprise: 100_000,
};

/** Sandbox traffic (test keys): its own bucket per organization, never counted in the plan's. */
export const SANDBOX_LIMIT = 1_000;

/**
 * Members using the dashboard (portal tokens): a bucket per member and organization, so browsing
 * the portal never spends the organization's API quota.
 */
export const PORTAL_LIMIT = 1_000;

/** Unauthenticated and failed-auth requests per client address and minute; beyond: 429. */
export const FAILED_AUTH_LIMIT = 60;

export type BucketName = "live" | "sandbox" | "portal" | "address";

/** Where a request is counted and how many it may make there per window. */
export interface RateBucket {
  name: BucketName;
  key: string;
  limit: number;
}

export function liveLimitOf(
  organization: Pick<OrganizationLimits, "plan" | "rateLimitOverride">,
): number {
  return organization.rateLimitOverride ?? PLAN_LIMITS[organization.plan];
}

/** The bucket an authenticated request spends. */
export function bucketFor(principal: Principal, organization: OrganizationLimits): RateBucket {
  if (principal.kind === "portal") {
    return {
      name: "portal",
      key: `portal:${organization.id}:${principal.userId ?? ""}`,
      limit: PORTAL_LIMIT,
    };
  }
  if (principal.environment === "test") {
    return { name: "sandbox", key: `test:${organization.id}`, limit: SANDBOX_LIMIT };
  }
  return { name: "live", key: `live:${organization.id}`, limit: liveLimitOf(organization) };
}

/** The organization's own buckets, e.g. for GET /v1/rate-limits. */
export function organizationBuckets(organization: OrganizationLimits): {
  live: RateBucket;
  sandbox: RateBucket;
} {
  return {
    live: { name: "live", key: `live:${organization.id}`, limit: liveLimitOf(organization) },
    sandbox: { name: "sandbox", key: `test:${organization.id}`, limit: SANDBOX_LIMIT },
  };
}

export function addressBucket(clientIp: string): RateBucket {
  return { name: "address", key: `addr:${clientIp}`, limit: FAILED_AUTH_LIMIT };
}
