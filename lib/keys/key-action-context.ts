import type { Bus } from "@/lib/bus";
import type { DomainContext } from "@/lib/principal";

/** Rotation and revocation also tell every instance's key cache (lib/keys/cache-invalidation). */
export interface KeyActionContext extends DomainContext {
  bus: Bus;
}
