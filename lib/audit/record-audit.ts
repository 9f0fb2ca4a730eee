import type { Kysely } from "kysely";
import { toJson } from "@/lib/db/json";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { actorOf, type DomainContext } from "@/lib/principal";

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

/** Writes one audit row in the caller's transaction; never pass a secret in data. */
export async function recordAudit(
  db: Kysely<Database>,
  ctx: DomainContext,
  entry: AuditEntry,
): Promise<void> {
  const actor = actorOf(ctx.principal);
  await db
    .insertInto("audit_log")
    .values({
      id: newId("aud"),
      organization_id: ctx.principal.organizationId,
      project_id: ctx.principal.projectId,
      environment: ctx.principal.environment,
      actor_type: actor.actor_type,
      actor_id: actor.actor_id,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      data: toJson(entry.data ?? {}),
      ip: ctx.ip ?? null,
      created_at: ctx.now.toISOString(),
    })
    .execute();
}
