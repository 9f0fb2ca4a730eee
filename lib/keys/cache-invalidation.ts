import type { Bus } from "@/lib/bus";

/** Message: comma-separated SHA-256 hashes of keys that were revoked, rotated or changed. */
export const KEYS_CHANGED_CHANNEL = "api_key.changed";
/** Message: the organization's slug; its plan or rate-limit override changed. */
export const PLAN_CHANGED_CHANNEL = "organization.plan_changed";

/** What a cache of credentials must do when told that something it may hold is stale. */
export interface InvalidationTarget {
  dropKeys(hashes: readonly string[]): void;
  dropOrganization(slug: string): void;
}

// Caches of this process, per bus. The bus reaches other instances (Redis) a few milliseconds
// later; caches on the same bus are dropped synchronously so the very next request sees the change.
const localTargets = new WeakMap<Bus, Set<InvalidationTarget>>();

export function registerInvalidationTarget(bus: Bus, target: InvalidationTarget): () => void {
  let targets = localTargets.get(bus);
  if (!targets) {
    targets = new Set();
    localTargets.set(bus, targets);
  }
  targets.add(target);
  const unsubscribeKeys = bus.subscribe(KEYS_CHANGED_CHANNEL, (message) => {
    target.dropKeys(message.split(",").filter(Boolean));
  });
  const unsubscribePlan = bus.subscribe(PLAN_CHANGED_CHANNEL, (message) => {
    target.dropOrganization(message);
  });
  return () => {
    localTargets.get(bus)?.delete(target);
    unsubscribeKeys();
    unsubscribePlan();
  };
}

/**
 * After a key was revoked or rotated (or its scopes changed): drops it from every instance's
 * cache. Call after the transaction committed, with the keys' hashes.
 */
export async function invalidateApiKeys(bus: Bus, hashes: readonly string[]): Promise<void> {
  if (hashes.length === 0) return;
  for (const target of localTargets.get(bus) ?? []) target.dropKeys(hashes);
  await bus.publish(KEYS_CHANGED_CHANNEL, hashes.join(","));
}

/**
 * After an organization's plan or rate-limit override changed: every instance forgets what it
 * cached about the organization, so the new limit applies from the next request.
 */
export async function announcePlanChange(bus: Bus, organizationSlug: string): Promise<void> {
  for (const target of localTargets.get(bus) ?? []) target.dropOrganization(organizationSlug);
  await bus.publish(PLAN_CHANGED_CHANNEL, organizationSlug);
}
