import { type DeliverPayload, WEBHOOK_DELIVER_JOB } from "@/lib/events/enqueue-deliveries";
import type { JobDeps } from "@/lib/jobs/job-deps";
import {
  ATTEMPT_LEASE_MS,
  type AttemptDeps,
  abandonAttempt,
  runDeliveryAttempt,
} from "./deliver-attempt";

function isPayload(value: unknown): value is DeliverPayload {
  if (typeof value !== "object" || value === null) return false;
  const payload = value as Partial<DeliverPayload>;
  return typeof payload.deliveryId === "string" && Number.isInteger(payload.attempt);
}

/**
 * `webhook.deliver`: one job per attempt. A failed attempt is not a failed job: the handler
 * records it and queues the next attempt itself, on the published schedule. A thrown error
 * (the store was away) is retried by the job runner, after the attempt's lease; when it gives
 * up, the delivery is marked failed.
 */
export function registerWebhookJobs(deps: JobDeps & AttemptDeps): void {
  deps.jobs.register(
    WEBHOOK_DELIVER_JOB,
    async (job) => {
      if (!isPayload(job.payload)) return;
      await runDeliveryAttempt(deps, job.payload);
    },
    {
      // Attempts are independent (each claims its own delivery) and mostly wait on receivers.
      concurrent: true,
      // Past the attempt's lease, in case the failure also kept us from releasing it.
      backoffMs: (attempt) => ATTEMPT_LEASE_MS + 1000 * 2 ** attempt,
      onGiveUp: async (job) => {
        if (isPayload(job.payload)) await abandonAttempt(deps, job.payload);
      },
    },
  );
}
