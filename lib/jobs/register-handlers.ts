import { registerBillingJobs } from "@/lib/billing/billing-jobs";
import { registerEmailJobs } from "@/lib/email/email-jobs";
import { registerIdempotencyJobs } from "@/lib/idempotency/cleanup-job";
import { registerResourceJobs } from "@/lib/resources/register-resource-jobs";
import type { Runtime } from "@/lib/runtime";
import { registerUsageJobs } from "@/lib/usage/usage-jobs";
import { registerWebhookJobs } from "@/lib/webhooks/register-webhook-jobs";

/**
 * Every background job type, registered once per process before the loop starts. Each feature
 * exports a `register<Feature>Jobs(runtime)` and adds one line here.
 */
export function registerJobHandlers(runtime: Runtime): void {
  registerIdempotencyJobs(runtime);
  registerResourceJobs(runtime);
  registerUsageJobs(runtime);
  registerBillingJobs(runtime);
  registerEmailJobs(runtime);
  registerWebhookJobs(runtime);
}
