import type { Bus } from "@/lib/bus";
import { roleCan } from "@/lib/catalog/roles";
import { AppError } from "@/lib/errors";
import type { DomainContext, Principal } from "@/lib/principal";

/** Plan and budget changes also tell every instance (lib/keys/cache-invalidation). */
export interface BillingActionContext extends DomainContext {
  bus: Bus;
  /** Whether stored mails are also sent over SMTP (config.smtpUrl is set). */
  deliverEmail?: boolean;
}

/**
 * Plan and budget changes need the billing:manage permission: an owner or billing member acting
 * through the dashboard. API keys can never hold it, whatever their scopes.
 */
export function requireBillingManager(principal: Principal): void {
  if (principal.kind === "system") return;
  if (
    principal.kind !== "portal" ||
    !principal.role ||
    !roleCan(principal.role, "billing:manage")
  ) {
    throw new AppError(
      "forbidden",
      principal.kind === "api_key"
        ? "API keys cannot change billing; an owner or billing member can, in the dashboard"
        : "Only the organization's owners and billing members can change billing",
    );
  }
}
