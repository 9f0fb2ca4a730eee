import type { Migration } from "kysely";
import { foundation } from "./0001_foundation";
import { resources } from "./0003_resources";
import { idempotency } from "./0004_idempotency";
import { usageBilling } from "./0005_usage_billing";
import { webhooks } from "./0006_webhooks";
import { hardening } from "./0007_hardening";
import { eventLog } from "./0008_event_log";
import { webhookSigning } from "./0009_webhook_signing";
import { teamsAudit } from "./0010_teams_audit";
import { requestLog } from "./0011_request_log";
import { deployments } from "./0012_deployments";
import { invitations } from "./0013_invitations";
import { requestLogReads } from "./0014_request_log_reads";
import { jobPriority } from "./0015_job_priority";
import { resourceCounts } from "./0016_resource_counts";

/**
 * Every migration, in order. Listed statically (not read from a folder) so the bundled server
 * carries them. Names sort in the order they must run; never rename or edit a shipped one.
 */
export const migrations: Record<string, Migration> = {
  "0001_foundation": foundation,
  "0003_resources": resources,
  "0004_idempotency": idempotency,
  "0005_usage_billing": usageBilling,
  "0006_webhooks": webhooks,
  "0007_hardening": hardening,
  "0008_event_log": eventLog,
  "0009_webhook_signing": webhookSigning,
  "0010_teams_audit": teamsAudit,
  "0011_request_log": requestLog,
  "0012_deployments": deployments,
  "0013_invitations": invitations,
  "0014_request_log_reads": requestLogReads,
  "0015_job_priority": jobPriority,
  "0016_resource_counts": resourceCounts,
};
