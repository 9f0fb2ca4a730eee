import type { Runtime } from "@/lib/runtime";
import { runDeliveryAttempt } from "./deliver-attempt";
import { type DeliverPayload, WEBHOOK_DELIVER_JOB } from "./enqueue-deliveries";
import { sendWebhook } from "./send-webhook";
import { webhookSettingsOf } from "./webhook-context";

function isPayload(value: unknown): value is DeliverPayload {
  if (typeof value !== "object" || value === null) return false;
  const payload = value as Partial<DeliverPayload>;
  return typeof payload.deliveryId === "string" && Number.isInteger(payload.attempt);
}

/**
 * `webhook.deliver`: one job per attempt. A failed attempt is not a failed job: the handler
 * records it and queues the next attempt itself, on the published schedule. A thrown error
 * (the store was away) is retried by the job runner with its usual backoff.
 */
export function registerWebhookJobs(runtime: Runtime): void {
  const deps = {
    db: runtime.store.db,
    now: runtime.now,
    settings: webhookSettingsOf(runtime.config, runtime.sessionSecret),
    send: sendWebhook,
    logger: runtime.logger,
    portalUrl: runtime.config.nextAuthUrl?.replace(/\/+$/, ""),
  };
  runtime.jobs.register(WEBHOOK_DELIVER_JOB, async (job) => {
    if (!isPayload(job.payload)) return;
    await runDeliveryAttempt(deps, job.payload);
  });
}
