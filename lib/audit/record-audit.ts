import type { Kysely } from "kysely";
import { toJson } from "@/lib/db/json";
import type { AuditLogTable, Database, Environment } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import type { DomainContext, Principal } from "@/lib/principal";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  /** A refused attempt at a sensitive action is recorded too (default success). */
  outcome?: "success" | "denied";
}

/**
 * Who acted: a signed-in member (user), an API key, or the system (a job, an operator's command;
 * its id names the operator when there is one).
 */
export type AuditActor =
  | { type: "user"; id: string | null }
  | { type: "api_key"; id: string | null }
  | { type: "system"; id: string | null };

/** Who acted, where and when, for an entry no request's DomainContext describes. */
export interface AuditOrigin {
  actor: AuditActor;
  organizationId: string;
  /** null for what belongs to the whole organization (its plan, its members). */
  projectId: string | null;
  environment: Environment | null;
  at: Date;
  ip?: string | null;
  requestId?: string | null;
  userAgent?: string | null;
}

function actorOf(principal: Principal): AuditActor {
  if (principal.kind === "api_key") return { type: "api_key", id: principal.keyId };
  if (principal.kind === "portal") return { type: "user", id: principal.userId };
  return { type: "system", id: null };
}

function originOf(ctx: DomainContext): AuditOrigin {
  return {
    actor: actorOf(ctx.principal),
    organizationId: ctx.principal.organizationId,
    projectId: ctx.principal.projectId,
    environment: ctx.principal.environment,
    at: ctx.now,
    ip: ctx.ip ?? null,
    requestId: ctx.requestId ?? null,
    userAgent: ctx.userAgent ?? null,
  };
}

const ACTOR_TYPES: Record<AuditActor["type"], AuditLogTable["actor_type"]> = {
  user: "user",
  api_key: "key",
  system: "system",
};

/**
 * Writes one audit row in the caller's transaction; never pass a secret in data. A domain
 * function passes its context (the principal acts); anything else says who acted with an origin.
 */
export async function recordAudit(
  db: Kysely<Database>,
  by: DomainContext | AuditOrigin,
  entry: AuditEntry,
): Promise<void> {
  const origin = "principal" in by ? originOf(by) : by;
  await db
    .insertInto("audit_log")
    .values({
      id: newId("aud"),
      organization_id: origin.organizationId,
      project_id: origin.projectId,
      environment: origin.environment,
      actor_type: ACTOR_TYPES[origin.actor.type],
      actor_id: origin.actor.id,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      // Until the audit table has its own columns for them, the outcome and the request that
      // caused the change travel in data.
      data: toJson({
        ...entry.data,
        outcome: entry.outcome ?? "success",
        request_id: origin.requestId ?? null,
        user_agent: origin.userAgent ?? null,
      }),
      ip: origin.ip ?? null,
      created_at: origin.at.toISOString(),
    })
    .execute();
}

/** Where an organization-wide change is recorded: no project, no environment. */
export function organizationWide(organizationId: string) {
  return { organizationId, projectId: null, environment: null };
}
