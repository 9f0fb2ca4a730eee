import type { Kysely } from "kysely";
import { insertRow } from "@/lib/db/insert-row";
import { toJson } from "@/lib/db/json";
import type { Database, ResourceType } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { IDEMPOTENCY_RETENTION_MS } from "@/lib/idempotency/claim-key";
import { newId } from "@/lib/ids";
import { type DomainContext, type Principal, requireScope } from "@/lib/principal";
import { specInputSchemas } from "@/lib/schemas/resources";
import { addAttachment } from "./attachments";
import { writeLabelRows } from "./labels";
import { recordResourceChange } from "./record-change";
import { requireRegionInService, resolveRegion } from "./region-check";
import { parseSpecInput, resolveSpec } from "./resolve-spec";
import { enqueueProvision, ensureSandboxReset } from "./resource-jobs";
import type { ResourceRow } from "./resource-store";

export interface CreateResourceInput {
  /** Default instance (the smallest size), so `{ name, region }` alone works. */
  type?: ResourceType | undefined;
  name: string;
  region?: string | undefined;
  labels?: Record<string, string> | undefined;
  /** Type specific; checked here for the type. */
  spec?: unknown;
  /** The request's Idempotency-Key: a retry with it returns the resource already made. */
  idempotencyKey?: string | undefined;
  /** How long the provisioning job waits before the resource becomes active. */
  provisionDelayMs: number;
}

export interface CreatedResource {
  row: ResourceRow;
  /** True when the idempotency key had already created this resource. */
  replayed: boolean;
}

async function findByIdempotencyKey(
  trx: Kysely<Database>,
  principal: Principal,
  key: string,
): Promise<ResourceRow | undefined> {
  return trx
    .selectFrom("resources")
    .selectAll()
    .where(inTenant(principal))
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

/**
 * Creates a resource in `provisioning` and schedules the job that makes it active, in one
 * transaction with its labels, attachments, audit entry and `resource.created` event.
 * With an idempotency key the (project, environment, key) unique index makes a retry after a
 * crash return the resource the first attempt created, never a second one.
 */
export async function createResource(
  ctx: DomainContext,
  input: CreateResourceInput,
): Promise<CreatedResource> {
  const { principal } = ctx;
  requireScope(principal, "resources:write");
  const type = input.type ?? "instance";
  const region = resolveRegion(input.region, type);
  parseSpecInput(specInputSchemas[type], input.spec, type); // shape errors before any store work
  const labels = input.labels ?? {};
  const key = input.idempotencyKey ?? null;
  const at = ctx.now.toISOString();

  return ctx.db.transaction().execute(async (trx) => {
    if (key !== null) {
      const existing = await findByIdempotencyKey(trx, principal, key);
      if (existing) {
        const fresh =
          Date.parse(existing.created_at) > ctx.now.getTime() - IDEMPOTENCY_RETENTION_MS;
        if (fresh) return { row: existing, replayed: true };
        // Keys are kept 24 hours, as the idempotency layer keeps them: after that it is new.
        await trx
          .updateTable("resources")
          .set({ idempotency_key: null })
          .where("id", "=", existing.id)
          .where(inTenant(principal))
          .execute();
      }
    }

    await requireRegionInService(trx, region);
    const { spec, edges } = await resolveSpec(trx, principal, type, region, input.spec);
    const row: ResourceRow = {
      id: newId("res"),
      organization_id: principal.organizationId,
      project_id: principal.projectId,
      environment: principal.environment,
      type,
      name: input.name,
      name_lower: input.name.toLowerCase(),
      status: "provisioning",
      region,
      spec: toJson(spec),
      labels: toJson(labels),
      idempotency_key: key,
      lock_version: 1,
      created_at: at,
      updated_at: at,
      active_at: null,
      deleted_at: null,
    };
    const inserted = await insertRow(trx, "resources", row, {
      onConflictDoNothing: ["project_id", "environment", "idempotency_key"],
    });
    if (!inserted) {
      // A concurrent request with the same key committed first (PostgreSQL waited for it).
      const winner = key === null ? undefined : await findByIdempotencyKey(trx, principal, key);
      if (winner) return { row: winner, replayed: true };
      throw new Error("resource insert conflicted but no resource holds the idempotency key");
    }

    await writeLabelRows(trx, row, labels, false);
    for (const edge of edges) {
      await addAttachment(
        trx,
        principal,
        { kind: edge.kind, resourceId: row.id, targetId: edge.targetId },
        ctx.now,
      );
    }
    await recordResourceChange(trx, ctx, row, "resource.created", { type, region });
    await enqueueProvision(trx, row, ctx.now, input.provisionDelayMs);
    if (principal.environment === "test")
      await ensureSandboxReset(trx, principal.projectId, ctx.now);
    return { row, replayed: false };
  });
}
