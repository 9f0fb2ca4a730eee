import type { Kysely } from "kysely";
import type { Scope } from "@/lib/catalog/scopes";
import type { AuditSource, Database, Environment, Plan, Role } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/** Who is acting: an API key, a signed-in member through the portal's token, or an operator. */
export interface Principal {
  kind: "api_key" | "portal" | "system";
  organizationId: string;
  projectId: string;
  environment: Environment;
  plan: Plan;
  scopes: ReadonlySet<Scope>;
  keyId: string | null;
  userId: string | null;
  role: Role | null;
}

/** What every domain function receives: the store, who acts, and the time it acts at. */
export interface DomainContext {
  db: Kysely<Database>;
  principal: Principal;
  now: Date;
  ip?: string | null;
  /** The API request that acts (`req_...`); null or absent for jobs and operators' commands. */
  requestId?: string | null;
  userAgent?: string | null;
  /**
   * Where the action came from, for the audit log; default: api for a key, portal for a member,
   * job for the system (the admin CLI says cli).
   */
  source?: AuditSource;
}

export function requireScope(principal: Principal, scope: Scope): void {
  if (!principal.scopes.has(scope)) {
    throw new AppError("forbidden", `This ${actorLabel(principal)} lacks the ${scope} scope`);
  }
}

function actorLabel(principal: Principal): string {
  if (principal.kind === "api_key") return "API key";
  if (principal.kind === "portal") return "member's role";
  return "operator";
}
