import type { Kysely } from "kysely";
import { executeCompiledOnce } from "@/lib/db/compiled-once";
import { fromJson } from "@/lib/db/json";
import type { Database, Environment } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { newId } from "@/lib/ids";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { matchesEvent } from "./event-match";

export const WEBHOOK_DELIVER_JOB = "webhook.deliver";

export interface DeliverPayload {
  deliveryId: string;
  /** The attempt this job makes (1 = the first); a job for an attempt already made does nothing. */
  attempt: number;
  /** Asked for by someone (retry button): one attempt, no schedule after it. */
  manual?: boolean;
}

export interface RecordedEvent {
  id: string;
  organizationId: string;
  projectId: string;
  environment: Environment;
  type: string;
  objectId: string | null;
  /** The event's data as JSON text (as stored in events.data). */
  dataJson: string;
  createdAt: string;
  /**
   * The event's place in its project and environment's log (events.seq), when the log has one:
   * delivered in the body so receivers can order and spot gaps.
   */
  seq?: number | null;
}

/**
 * The body every attempt sends: the same bytes each time (stored with the delivery), so receivers
 * can dedupe by id; `seq` follows `id` when the event has one.
 */
export function deliveryBody(
  event: Pick<RecordedEvent, "id" | "type" | "createdAt" | "dataJson" | "seq">,
) {
  const seq = event.seq === undefined || event.seq === null ? "" : `,"seq":${Number(event.seq)}`;
  return `{"id":${JSON.stringify(event.id)}${seq},"type":${JSON.stringify(event.type)},"created_at":${JSON.stringify(event.createdAt)},"data":${event.dataJson}}`;
}

/**
 * Queues the job of one attempt, in the caller's transaction. An attempt someone waits for (a
 * retry by hand, a test event: `urgent`) goes before the backlog of scheduled ones.
 */
export async function enqueueAttempt(
  trx: Kysely<Database>,
  payload: DeliverPayload,
  runAt: Date,
  now: Date,
  urgent = payload.manual === true,
): Promise<void> {
  await enqueueJob(
    trx,
    {
      type: WEBHOOK_DELIVER_JOB,
      payload,
      runAt,
      // One job per attempt: a rerun of the transaction that queued it can never add a second.
      uniqueKey: `${WEBHOOK_DELIVER_JOB}:${payload.deliveryId}:${payload.attempt}`,
      maxAttempts: 5,
      priority: urgent ? 1 : 0,
    },
    now,
  );
}

/** A pending delivery of one event to one endpoint, and the job of its first attempt. */
export async function insertDelivery(
  trx: Kysely<Database>,
  endpointId: string,
  event: RecordedEvent,
  now: Date,
  options: { urgent?: boolean } = {},
): Promise<string | null> {
  const id = newId("wd");
  const at = now.toISOString();
  const inserted = await trx
    .insertInto("webhook_deliveries")
    .values({
      id,
      organization_id: event.organizationId,
      project_id: event.projectId,
      environment: event.environment,
      endpoint_id: endpointId,
      event_id: event.id,
      event_type: event.type,
      payload: deliveryBody(event),
      status: "pending",
      attempts: 0,
      first_attempt_at: null,
      last_attempt_at: null,
      next_attempt_at: at,
      attempt_locked_until: null,
      response_status: null,
      response_latency_ms: null,
      response_excerpt: null,
      error: null,
      created_at: at,
      updated_at: at,
      completed_at: null,
    })
    .onConflict((oc) => oc.columns(["endpoint_id", "event_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) return null;
  await enqueueAttempt(trx, { deliveryId: id, attempt: 1 }, now, now, options.urgent === true);
  return id;
}

/**
 * Fan-out, inside the transaction that records the event: one delivery (and its first attempt's
 * job) per enabled endpoint of the same project and environment whose enabled_events match. The
 * event and its deliveries commit together or not at all, so no event is missed or sent twice
 * however the process stops. An endpoint's own lifecycle events are not sent to itself.
 */
export async function enqueueWebhookDeliveries(
  trx: Kysely<Database>,
  event: RecordedEvent,
): Promise<number> {
  // Every event asks, so the statement is compiled once.
  const { rows: endpoints } = await executeCompiledOnce(
    trx,
    "enabled_webhook_endpoints",
    () =>
      trx
        .selectFrom("webhook_endpoints")
        .select(["id", "enabled_events"])
        .where(inTenant(event))
        .where("status", "=", "enabled")
        .compile(),
    [event.projectId, event.environment, "enabled"],
  );
  let queued = 0;
  if (endpoints.length === 0) return queued;
  const now = new Date(event.createdAt);
  for (const endpoint of endpoints) {
    if (endpoint.id === event.objectId) continue;
    if (!matchesEvent(fromJson<string[]>(endpoint.enabled_events, []), event.type)) continue;
    if (await insertDelivery(trx, endpoint.id, event, now)) queued += 1;
  }
  return queued;
}
