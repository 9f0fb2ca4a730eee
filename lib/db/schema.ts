import type { Generated } from "kysely";
/**
 * Table types shared by both stores. Portable on purpose: ids and timestamps are text made by the
 * app (ISO-8601 UTC, so text order is time order), JSON is text, booleans are 0/1 integers.
 */

import type { ResourceStatus, ResourceType } from "@/lib/catalog/resources";
import type { Role } from "@/lib/catalog/roles";
import type {
  BudgetAlertsTable,
  BudgetsTable,
  InvoiceLineItemsTable,
  InvoicesTable,
  MeteringStateTable,
  PricesTable,
  ResourceUsageRollupsTable,
  UsageRollupsTable,
  UsageStatusRollupsTable,
} from "./schema-billing";
import type {
  DeploymentPlansTable,
  DeploymentsTable,
  DeploymentTargetsTable,
  RegionOverridesTable,
} from "./schema-deployments";
import type { EventActorType, EventSequencesTable } from "./schema-events";
import type { InvitationsTable, InvitationTokensTable } from "./schema-invitations";
import type {
  RequestLogTable,
  RequestScopesTable,
  RequestSeriesTable,
  RequestUserAgentsTable,
} from "./schema-request-logs";
import type { WebhookDeliveriesTable, WebhookEndpointsTable } from "./schema-webhooks";

// The catalog's names, so table types and domain code can say them from here too.
export type { ResourceStatus, ResourceType, Role };

export type Plan = "free" | "pro" | "enterprise";
export type Environment = "live" | "test";

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  github_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  plan: Plan;
  /** An operator's per-minute override of the plan's live limit (null: the plan decides). */
  rate_limit_override: number | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  organization_id: string;
  user_id: string;
  role: Role;
  created_at: string;
  /** Touched by portal use, at most every few minutes (migration 0013). */
  last_active_at: string | null;
}

export interface ProjectsTable {
  id: string;
  organization_id: string;
  slug: string;
  name: string;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  name: string;
  /** SHA-256 hex of the whole secret; the secret itself is never stored. */
  hash: string;
  /** `sk_live_` or `sk_test_`, shown with last4 so people can tell keys apart. */
  prefix: string;
  last4: string;
  /** JSON array of scope names. */
  scopes: string;
  created_by_user_id: string | null;
  created_by_key_id: string | null;
  /** The key this one replaced by rotation, if any. */
  rotated_from_id: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface JobsTable {
  id: string;
  type: string;
  /** JSON payload. */
  payload: string;
  /** Deduplicates periodic or per-object jobs: at most one pending job per unique_key. */
  unique_key: string | null;
  run_at: string;
  attempts: number;
  max_attempts: number;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  /** Claimed before lower ones whatever their due time (1: someone waits on screen; migration 0015). */
  priority: Generated<number>;
}

export interface EventsTable {
  id: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  type: string;
  /** The object the event is about (a resource id, a key id, ...), for timelines. */
  object_id: string | null;
  /** JSON: the object as it was when the event happened. */
  data: string;
  created_at: string;
  /** Per project and environment: 1, 2, 3... in commit order (migration 0008). */
  seq: Generated<number>;
  request_id: string | null;
  actor_type: Generated<EventActorType>;
  actor_id: string | null;
  /** JSON: on updates, the changed fields as they were before. */
  previous: string | null;
}

export type AuditActorType = "user" | "api_key" | "system";
export type AuditOutcome = "success" | "denied";
export type AuditSource = "api" | "portal" | "cli" | "job";

export interface AuditLogTable {
  id: string;
  organization_id: string;
  /** null for what belongs to the whole organization (its plan, its members). */
  project_id: string | null;
  environment: Environment | null;
  actor_type: AuditActorType;
  actor_id: string | null;
  /** What to show for the actor: an e-mail, a key's redacted form, an operator's name. */
  actor_display: string | null;
  action: string;
  outcome: Generated<AuditOutcome>;
  /** The first target (also in targets and audit_log_targets). */
  target_type: string | null;
  target_id: string | null;
  /** JSON array of { type, id, name }. */
  targets: Generated<string>;
  /** JSON object or null: the changed object's fields before and after (never a secret). */
  changes_before: string | null;
  changes_after: string | null;
  /** JSON with further facts about the entry (a reason, a count), never a secret. */
  data: string;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  source: Generated<AuditSource>;
  created_at: string;
}

/** One row per target of an entry, so a target_id filter finds an entry by any of them. */
export interface AuditLogTargetsTable {
  audit_id: string;
  organization_id: string;
  target_type: string;
  target_id: string;
  created_at: string;
}

export interface EmailsTable {
  id: string;
  organization_id: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  status: "stored" | "sent" | "failed";
  error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** A stored answer to a POST sent with an Idempotency-Key (kept 24 hours). */
export interface IdempotencyKeysTable {
  project_id: string;
  environment: Environment;
  idempotency_key: string;
  organization_id: string;
  /** SHA-256 hex of method, path and canonical JSON body. */
  fingerprint: string;
  method: string;
  path: string;
  /** Set while a request runs (the in-flight marker); null once the answer is stored. */
  lock_token: string | null;
  /** The in-flight lease: after it, a retry may take over from a process that died. */
  locked_until: string | null;
  /** Null while in flight. */
  response_status: number | null;
  /** JSON object of the headers replayed with the body (Content-Type, Location). */
  response_headers: string | null;
  response_body: string | null;
  created_at: string;
  expires_at: string;
}

/**
 * volume: an instance uses a volume; lb_target: a load balancer uses an instance;
 * network_member: an instance or load balancer uses a network.
 */
export type AttachmentKind = "volume" | "lb_target" | "network_member";

/** Live resources per project and environment, kept by triggers (migration 0016). */
export interface ResourceCountsTable {
  project_id: string;
  environment: Environment;
  /** bigint: a string on PostgreSQL. */
  live: number | string;
}

export interface ResourcesTable {
  id: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  type: ResourceType;
  name: string;
  /** name.toLowerCase(), so `q` is a portable case-insensitive LIKE on both stores. */
  name_lower: string;
  status: ResourceStatus;
  region: string;
  /** JSON, type specific; the API serves it as stored. */
  spec: string;
  /** JSON string map; resource_labels holds the same pairs for filtering. */
  labels: string;
  /** The creating request's Idempotency-Key (unique per project and environment). */
  idempotency_key: string | null;
  /** Bumped by the UPDATE that locks the row for a change (a row lock on PostgreSQL). */
  lock_version: number;
  created_at: string;
  updated_at: string;
  /** When provisioning finished (metering starts here). */
  active_at: string | null;
  /** When DELETE was accepted (metering ends here); set rows are invisible to the API. */
  deleted_at: string | null;
}

export interface ResourceLabelsTable {
  resource_id: string;
  project_id: string;
  environment: Environment;
  key: string;
  value: string;
}

/** An edge: resource_id uses target_id; a used target cannot be deleted (409). */
export interface ResourceAttachmentsTable {
  id: string;
  project_id: string;
  environment: Environment;
  kind: AttachmentKind;
  resource_id: string;
  target_id: string;
  created_at: string;
}

/** Sign-in attempts in a fixed window, per account (`account:<email>`) or address (`address:<ip>`). */
export interface SignInAttemptsTable {
  key: string;
  attempts: number;
  window_ends_at: string;
}

export interface Database {
  users: UsersTable;
  organizations: OrganizationsTable;
  memberships: MembershipsTable;
  projects: ProjectsTable;
  api_keys: ApiKeysTable;
  jobs: JobsTable;
  events: EventsTable;
  event_sequences: EventSequencesTable;
  audit_log: AuditLogTable;
  audit_log_targets: AuditLogTargetsTable;
  emails: EmailsTable;
  request_scopes: RequestScopesTable;
  request_series: RequestSeriesTable;
  request_user_agents: RequestUserAgentsTable;
  request_log: RequestLogTable;
  idempotency_keys: IdempotencyKeysTable;
  resources: ResourcesTable;
  resource_counts: ResourceCountsTable;
  resource_labels: ResourceLabelsTable;
  resource_attachments: ResourceAttachmentsTable;
  usage_rollups: UsageRollupsTable;
  usage_status_rollups: UsageStatusRollupsTable;
  resource_usage_rollups: ResourceUsageRollupsTable;
  metering_state: MeteringStateTable;
  prices: PricesTable;
  invoices: InvoicesTable;
  invoice_line_items: InvoiceLineItemsTable;
  budgets: BudgetsTable;
  budget_alerts: BudgetAlertsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  deployments: DeploymentsTable;
  deployment_targets: DeploymentTargetsTable;
  deployment_plans: DeploymentPlansTable;
  region_overrides: RegionOverridesTable;
  sign_in_attempts: SignInAttemptsTable;
  invitations: InvitationsTable;
  invitation_tokens: InvitationTokensTable;
}
