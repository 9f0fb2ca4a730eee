import { type Kysely, sql } from "kysely";
import { executeCompiledOnce } from "@/lib/db/compiled-once";
import { insertRow } from "@/lib/db/insert-row";
import { toJson } from "@/lib/db/json";
import type { Database, Environment } from "@/lib/db/schema";
import type { EventActorType } from "@/lib/db/schema-events";
import { newId } from "@/lib/ids";
import type { DomainContext } from "@/lib/principal";
import { enqueueWebhookDeliveries } from "./enqueue-deliveries";
import { signalEvent } from "./event-signal";

export interface EventActor {
  type: EventActorType;
  id: string | null;
}

export interface NewEvent {
  organizationId: string;
  projectId: string;
  environment: Environment;
  type: string;
  objectId: string | null;
  data: unknown;
  at: Date;
  /** The API request that caused it; absent for jobs. */
  requestId?: string | null | undefined;
  /** Who caused it; the system when absent. */
  actor?: EventActor | undefined;
  /** On updates: the changed fields as they were before. */
  previous?: Record<string, unknown> | null | undefined;
}

/** The request id and actor of a change someone asked for, to spread into `NewEvent`. */
export function eventOrigin(
  ctx: Pick<DomainContext, "principal" | "requestId">,
): Pick<NewEvent, "requestId" | "actor"> {
  const { principal } = ctx;
  const actor: EventActor =
    principal.kind === "api_key"
      ? { type: "api_key", id: principal.keyId }
      : principal.kind === "portal"
        ? { type: "user", id: principal.userId }
        : { type: "system", id: null };
  return { requestId: ctx.requestId ?? null, actor };
}

/**
 * Takes the tenant's next seq. One upsert: on PostgreSQL it holds the counter row's lock until
 * the caller's transaction ends, so a second writer of the same project and environment waits
 * and seq commits in order with no gaps; SQLite has a single writer.
 */
async function nextSeq(db: Kysely<Database>, projectId: string, env: Environment): Promise<number> {
  const row = await executeCompiledOnce(
    db,
    "next_event_seq",
    () =>
      sql<{
        last_seq: number;
      }>`insert into event_sequences (project_id, environment, last_seq)
    values (${projectId}, ${env}, 1)
    on conflict (project_id, environment) do update set last_seq = event_sequences.last_seq + 1
    returning last_seq`.compile(db),
    [projectId, env],
  );
  const seq = row.rows[0]?.last_seq;
  if (seq === undefined) throw new Error("event_sequences upsert returned no row");
  return Number(seq);
}

/**
 * Records an event in the caller's transaction, with its webhook deliveries (one per matching
 * enabled endpoint), so an event and the work it causes commit together. The event stream reads
 * from here too: the signal only tells streams to look at the log again.
 */
export async function emitEvent(db: Kysely<Database>, event: NewEvent): Promise<string> {
  const id = newId("evt");
  const data = toJson(event.data);
  const createdAt = event.at.toISOString();
  const seq = await nextSeq(db, event.projectId, event.environment);
  await insertRow(db, "events", {
    id,
    organization_id: event.organizationId,
    project_id: event.projectId,
    environment: event.environment,
    type: event.type,
    object_id: event.objectId,
    data,
    created_at: createdAt,
    seq,
    request_id: event.requestId ?? null,
    actor_type: event.actor?.type ?? "system",
    actor_id: event.actor?.id ?? null,
    previous: event.previous ? toJson(event.previous) : null,
  });
  await enqueueWebhookDeliveries(db, {
    id,
    organizationId: event.organizationId,
    projectId: event.projectId,
    environment: event.environment,
    type: event.type,
    objectId: event.objectId,
    dataJson: data,
    createdAt,
    seq,
  });
  signalEvent({ projectId: event.projectId, environment: event.environment, seq });
  return id;
}
