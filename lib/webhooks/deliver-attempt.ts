import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { WebhookEndpointsTable } from "@/lib/db/schema-webhooks";
import { inTenant, tenantOfRow } from "@/lib/db/tenant";
import { type DeliverPayload, enqueueAttempt } from "@/lib/events/enqueue-deliveries";
import type { Logger } from "@/lib/logger";
import { WEBHOOK_TEST_EVENT } from "@/lib/schemas/webhooks";
import type { WebhookDeliveryRow } from "./delivery-view";
import { disableFailingEndpoint } from "./disable-endpoint";
import { nextAttemptAt } from "./retry-schedule";
import { openSigningSecrets } from "./secret-box";
import type { SendOutcome, WebhookSender } from "./send-webhook";
import {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  signatureHeader,
  standardSignatureHeaders,
} from "./signature";
import type { WebhookSettings } from "./webhook-context";

/** How long an attempt in flight holds its delivery (the send itself times out after 10 s). */
export const ATTEMPT_LEASE_MS = 60_000;

export interface AttemptDeps {
  db: Kysely<Database>;
  now: () => Date;
  settings: WebhookSettings;
  send: WebhookSender;
  logger: Logger;
  /** The portal's origin for links in notices (NEXTAUTH_URL), if known. */
  portalUrl: string | undefined;
}

/**
 * Takes the attempt: only a pending delivery whose previous attempts are all recorded, and that
 * no other runner is sending right now. A job rerun after a crash takes it again once the lease
 * has passed (the receiver may then see the same event twice: dedupe by Cloud-Event-Id).
 */
async function claimAttempt(
  db: Kysely<Database>,
  payload: DeliverPayload,
  now: Date,
): Promise<WebhookDeliveryRow | undefined> {
  const at = now.toISOString();
  return db
    .updateTable("webhook_deliveries")
    .set({ attempt_locked_until: new Date(now.getTime() + ATTEMPT_LEASE_MS).toISOString() })
    .where("id", "=", payload.deliveryId)
    .where("status", "=", "pending")
    .where("attempts", "=", payload.attempt - 1)
    .where((w) => w.or([w("attempt_locked_until", "is", null), w("attempt_locked_until", "<", at)]))
    .returningAll()
    .executeTakeFirst();
}

/** One attempt of one delivery: the body of the `webhook.deliver` job. */
export async function runDeliveryAttempt(
  deps: AttemptDeps,
  payload: DeliverPayload,
): Promise<void> {
  const { db } = deps;
  const delivery = await claimAttempt(db, payload, deps.now());
  if (!delivery) {
    const current = await db
      .selectFrom("webhook_deliveries")
      .select(["status", "attempts"])
      .where("id", "=", payload.deliveryId)
      .executeTakeFirst();
    if (current?.status === "pending" && Number(current.attempts) === payload.attempt - 1) {
      // Another runner holds this attempt: if it died, its lease runs out and this job's retry
      // (scheduled past the lease) makes the attempt; if it finishes, the retry finds it done.
      throw new Error("the attempt is in flight elsewhere; trying again after its lease");
    }
    return; // made already, settled, or deleted
  }
  const endpoint = await db
    .selectFrom("webhook_endpoints")
    .selectAll()
    .where("id", "=", delivery.endpoint_id)
    .where(inTenant(tenantOfRow(delivery)))
    .executeTakeFirst();
  if (!endpoint) return; // deleted with its deliveries since this job was queued
  try {
    await attempt(deps, payload, delivery, endpoint);
  } catch (error) {
    // Release the attempt for the job's own retry (which waits past the lease in case this fails).
    await db
      .updateTable("webhook_deliveries")
      .set({ attempt_locked_until: null })
      .where("id", "=", delivery.id)
      .where("attempts", "=", payload.attempt - 1)
      .execute()
      .catch(() => undefined);
    throw error;
  }
}

/**
 * The job gave up on an attempt (the store kept failing): the delivery is failed rather than
 * pending for ever; it can be retried by hand.
 */
export async function abandonAttempt(deps: AttemptDeps, payload: DeliverPayload): Promise<void> {
  const at = deps.now().toISOString();
  await deps.db
    .updateTable("webhook_deliveries")
    .set({
      status: "failed",
      next_attempt_at: null,
      attempt_locked_until: null,
      error: "The attempt could not be completed (internal error)",
      updated_at: at,
      completed_at: at,
    })
    .where("id", "=", payload.deliveryId)
    .where("status", "=", "pending")
    .where("attempts", "=", payload.attempt - 1)
    .execute();
}

async function attempt(
  deps: AttemptDeps,
  payload: DeliverPayload,
  delivery: WebhookDeliveryRow,
  endpoint: WebhookEndpointsTable,
): Promise<void> {
  const { db } = deps;
  const isTest = delivery.event_type === WEBHOOK_TEST_EVENT;

  if (endpoint.status === "disabled" && !isTest) {
    // Nothing is sent to a disabled endpoint; the delivery can be retried once it is enabled.
    const at = deps.now().toISOString();
    await db
      .updateTable("webhook_deliveries")
      .set({
        status: "failed",
        next_attempt_at: null,
        attempt_locked_until: null,
        error: "Not sent: the endpoint is disabled",
        updated_at: at,
        completed_at: at,
      })
      .where("id", "=", delivery.id)
      .where("attempts", "=", payload.attempt - 1)
      .execute();
    return;
  }

  const sentAt = deps.now();
  const secrets = openSigningSecrets(deps.settings.secretKey, endpoint, sentAt);
  let outcome: SendOutcome;
  if (secrets === null) {
    outcome = {
      ok: false,
      status: null,
      latencyMs: 0,
      excerpt: null,
      error: "The signing secret cannot be read (the server's session secret changed): rotate it",
    };
  } else {
    outcome = await deps.send(
      {
        url: endpoint.url,
        body: delivery.payload,
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "CloudAPI-Webhooks/1.0",
          [EVENT_ID_HEADER]: delivery.event_id,
          "Cloud-Event-Type": delivery.event_type,
          "Cloud-Delivery-Id": delivery.id,
          "Cloud-Delivery-Attempt": String(payload.attempt),
          [SIGNATURE_HEADER]: signatureHeader(secrets, delivery.payload, sentAt),
          // Standard Webhooks, so any receiver library verifies; the message id is the event id.
          ...standardSignatureHeaders(secrets, delivery.event_id, delivery.payload, sentAt),
        },
      },
      deps.settings,
    );
  }
  await recordOutcome(deps, delivery, payload, sentAt, outcome, isTest);
}

async function recordOutcome(
  deps: AttemptDeps,
  delivery: WebhookDeliveryRow,
  payload: DeliverPayload,
  sentAt: Date,
  outcome: SendOutcome,
  isTest: boolean,
): Promise<void> {
  const now = deps.now();
  const at = now.toISOString();
  const firstAttemptAt = delivery.first_attempt_at ?? sentAt.toISOString();
  // Test events and retries someone asked for are one attempt each; events follow the schedule.
  const scheduled = !isTest && !payload.manual;
  const next =
    outcome.ok || !scheduled ? null : nextAttemptAt(new Date(firstAttemptAt), payload.attempt, now);
  const status = outcome.ok ? "succeeded" : next ? "pending" : "failed";

  await deps.db.transaction().execute(async (trx) => {
    const recorded = await trx
      .updateTable("webhook_deliveries")
      .set({
        status,
        attempts: payload.attempt,
        first_attempt_at: firstAttemptAt,
        last_attempt_at: sentAt.toISOString(),
        next_attempt_at: next ? next.toISOString() : null,
        attempt_locked_until: null,
        response_status: outcome.status,
        response_latency_ms: outcome.latencyMs,
        response_excerpt: outcome.excerpt,
        error: outcome.error,
        updated_at: at,
        completed_at: status === "pending" ? null : at,
      })
      .where("id", "=", delivery.id)
      .where("attempts", "=", payload.attempt - 1)
      .where("status", "=", "pending")
      .returning("id")
      .executeTakeFirst();
    if (!recorded) return; // another runner recorded this attempt (after our lease ran out)

    if (outcome.ok) {
      await trx
        .updateTable("webhook_endpoints")
        .set({ consecutive_failures: 0, last_success_at: at })
        .where("id", "=", delivery.endpoint_id)
        .execute();
      return;
    }
    const counted = await trx
      .updateTable("webhook_endpoints")
      .set((eb) => ({
        consecutive_failures: eb("consecutive_failures", "+", 1),
        last_failure_at: at,
      }))
      .where("id", "=", delivery.endpoint_id)
      .returning(["consecutive_failures"])
      .executeTakeFirst();
    if (next) {
      await enqueueAttempt(
        trx,
        { deliveryId: delivery.id, attempt: payload.attempt + 1 },
        next,
        now,
      );
    } else if (scheduled && counted) {
      // The fifth retry failed too: the endpoint goes off unless a success came in between.
      await disableFailingEndpoint(trx, {
        endpointId: delivery.endpoint_id,
        failures: Number(counted.consecutive_failures),
        delivery,
        outcome,
        now,
        deliverEmail: deps.settings.deliverEmail,
        portalUrl: deps.portalUrl,
      });
    }
  });
  deps.logger.debug(
    {
      delivery_id: delivery.id,
      attempt: payload.attempt,
      status: outcome.status,
      ok: outcome.ok,
      next: next?.toISOString() ?? null,
    },
    "webhook attempt",
  );
}
