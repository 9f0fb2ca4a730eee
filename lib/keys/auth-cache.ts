import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import type { Bus } from "@/lib/bus";
import type { Database } from "@/lib/db/schema";
import type { Principal } from "@/lib/principal";
import { registerInvalidationTarget } from "./cache-invalidation";
import {
  findKeyByHash,
  findOrganizationLimits,
  type KeyRecord,
  type OrganizationLimits,
} from "./find-key-by-secret";

/** A usable (not revoked) key as the hot path needs it, with its principal built once. */
export interface CachedKey {
  hash: string;
  record: KeyRecord;
  organization: OrganizationLimits;
  /** Milliseconds since the epoch; Infinity when the key never expires. */
  expiresAtMs: number;
  principal: Principal;
}

export interface AuthCacheOptions {
  /** How long a found key or organization is trusted without asking the store again. */
  ttlMs?: number;
  /** How long "no such key" is remembered (secrets are random, so this only absorbs retries). */
  negativeTtlMs?: number;
  maxKeys?: number;
  maxOrganizations?: number;
}

const NO_KEY = false;

function keyPrincipal(record: KeyRecord, organization: OrganizationLimits): Principal {
  return {
    kind: "api_key",
    organizationId: record.organizationId,
    projectId: record.projectId,
    environment: record.environment,
    plan: organization.plan,
    scopes: record.scopes,
    keyId: record.id,
    userId: null,
    role: null,
  };
}

/**
 * Key verification results and organization plans, kept briefly in memory (LRU keyed by the
 * key's SHA-256). Revocation, rotation and plan changes drop entries on every instance through
 * the bus (lib/keys/cache-invalidation.ts); the TTL bounds staleness if a message is ever lost.
 * Lookups return synchronously on a hit so the hot path allocates no promise.
 */
export class AuthCache {
  private readonly keys: LRUCache<string, CachedKey | typeof NO_KEY>;
  private readonly organizations: LRUCache<string, OrganizationLimits>;
  private readonly negativeTtlMs: number;
  private readonly loadingKeys = new Map<string, Promise<CachedKey | null>>();
  /** Bumped by every invalidation: a load that started before one must not be cached. */
  private generation = 0;
  private readonly unregister: () => void;

  constructor(
    private readonly db: Kysely<Database>,
    bus: Bus,
    options: AuthCacheOptions = {},
  ) {
    const ttl = options.ttlMs ?? 30_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 5_000;
    this.keys = new LRUCache({ max: options.maxKeys ?? 10_000, ttl, ttlResolution: 50 });
    this.organizations = new LRUCache({
      max: options.maxOrganizations ?? 10_000,
      ttl,
      ttlResolution: 50,
    });
    this.unregister = registerInvalidationTarget(bus, this);
  }

  /** The cached answer: the key, null when known not to exist (or revoked), undefined on a miss. */
  peekKey(hash: string): CachedKey | null | undefined {
    const hit = this.keys.get(hash);
    if (hit === undefined) return undefined;
    return hit === NO_KEY ? null : hit;
  }

  /** Reads the store once per hash even when many requests miss at the same moment. */
  loadKey(hash: string): Promise<CachedKey | null> {
    const pending = this.loadingKeys.get(hash);
    if (pending) return pending;
    const generation = this.generation;
    const loading = findKeyByHash(this.db, hash)
      .then((found) => {
        const usable = found && found.key.revokedAt === null ? found : null;
        const entry: CachedKey | null = usable
          ? {
              hash,
              record: usable.key,
              organization: usable.organization,
              expiresAtMs: usable.key.expiresAt
                ? Date.parse(usable.key.expiresAt)
                : Number.POSITIVE_INFINITY,
              principal: keyPrincipal(usable.key, usable.organization),
            }
          : null;
        if (generation === this.generation) {
          if (entry) {
            this.keys.set(hash, entry);
            this.organizations.set(entry.organization.id, entry.organization);
          } else {
            this.keys.set(hash, NO_KEY, { ttl: this.negativeTtlMs });
          }
        }
        return entry;
      })
      .finally(() => {
        if (this.loadingKeys.get(hash) === loading) this.loadingKeys.delete(hash);
      });
    this.loadingKeys.set(hash, loading);
    return loading;
  }

  peekOrganization(organizationId: string): OrganizationLimits | undefined {
    return this.organizations.get(organizationId);
  }

  async loadOrganization(organizationId: string): Promise<OrganizationLimits | null> {
    const generation = this.generation;
    const found = await findOrganizationLimits(this.db, organizationId);
    if (found && generation === this.generation) this.organizations.set(found.id, found);
    return found;
  }

  /** Forgets one key right away (an expired key is dropped on first sight). */
  forgetKey(hash: string): void {
    this.keys.delete(hash);
  }

  dropKeys(hashes: readonly string[]): void {
    this.generation++;
    for (const hash of hashes) {
      this.keys.delete(hash);
      this.loadingKeys.delete(hash);
    }
  }

  dropOrganization(slug: string): void {
    this.generation++;
    // Collected first: deleting while an LRU iterator is open is not safe.
    const organizationIds: string[] = [];
    for (const [id, organization] of this.organizations.entries()) {
      if (organization.slug === slug) organizationIds.push(id);
    }
    for (const id of organizationIds) this.organizations.delete(id);
    // Keys carry their organization's plan in the principal they hand out.
    const hashes: string[] = [];
    for (const [hash, entry] of this.keys.entries()) {
      if (entry !== NO_KEY && entry.organization.slug === slug) hashes.push(hash);
    }
    for (const hash of hashes) this.keys.delete(hash);
    this.loadingKeys.clear();
  }

  close(): void {
    this.unregister();
    this.keys.clear();
    this.organizations.clear();
  }
}
