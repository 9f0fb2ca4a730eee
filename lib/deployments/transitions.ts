import type { Kysely } from "kysely";
import { type AuditOrigin, recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db/schema";
import { emitEvent } from "@/lib/events/emit-event";
import type { DomainContext } from "@/lib/principal";
import type { DeploymentRow } from "./deployment-store";

/**
 * Every transition of a deployment is an event and an audit entry, written in the transaction
 * that makes it: by the member or key that acted, or by the system (the orchestration job).
 */
export async function recordTransition(
  trx: Kysely<Database>,
  by: DomainContext | null,
  row: DeploymentRow,
  type: string,
  data: Record<string, unknown>,
  at: Date,
): Promise<void> {
  await emitEvent(trx, {
    organizationId: row.organization_id,
    projectId: row.project_id,
    environment: row.environment,
    type,
    objectId: row.id,
    data: { deployment_id: row.id, service: row.service, revision: row.revision, ...data },
    at,
  });
  const origin: AuditOrigin = {
    actor: { type: "system", id: null },
    source: "job",
    organizationId: row.organization_id,
    projectId: row.project_id,
    environment: row.environment,
    at,
  };
  await recordAudit(trx, by ? { ...by, db: trx } : origin, {
    action: type,
    targets: [{ type: "deployment", id: row.id, name: `${row.service} r${row.revision}` }],
    after: { status: row.status, ...data },
  });
}
