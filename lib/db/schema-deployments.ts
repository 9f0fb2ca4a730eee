import type { Environment } from "./schema";

/** Tables of multi-region deployments (migration 0012), beside schema.ts so it only lists them. */

export interface DeploymentsTable {
  id: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  service: string;
  /** Counts per service (project, environment, service) from 1. */
  revision: number;
  status: string;
  /** JSON: the resolved template (size, image, count, load_balancer, volume_gb). */
  template: string;
  /** JSON array of region slugs, in the order given. */
  regions: string;
  /** JSON: the strategy as asked. */
  strategy: string;
  /** JSON array of waves: { index, regions, bake_seconds, approval_required, approved_by }. */
  waves: string;
  /** The wave being worked on; null before the first and after the last. */
  current_wave: number | null;
  on_failure: string;
  progress_deadline_seconds: number;
  /** The succeeded deployment the service ran when this one was made (what it replaces). */
  base_deployment_id: string | null;
  /** For a rollback of a finished deployment: the one rolled back. */
  rollback_of: string | null;
  created_by_user_id: string | null;
  created_by_key_id: string | null;
  failure_reason: string | null;
  /** What a roll-back under way ends as: rolled_back, or canceled / rejected when asked so. */
  final_status: string | null;
  idempotency_key: string | null;
  /** Set while the deployment is not finished: the unique index keeps one active per service. */
  active_service: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface DeploymentTargetsTable {
  id: string;
  deployment_id: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  region: string;
  wave: number;
  position: number;
  /** 1 for a region the new revision leaves: the target deletes what the service ran there. */
  removes: number;
  status: string;
  /** JSON array of steps: { name, status, started_at, ended_at, detail }. */
  steps: string;
  /** JSON array of the resource ids this target created. */
  resource_ids: string;
  /** When provisioning started: the progress deadline counts from here. */
  started_at: string | null;
  bake_until: string | null;
  ended_at: string | null;
  updated_at: string;
}

export interface DeploymentPlansTable {
  id: string;
  organization_id: string;
  project_id: string;
  environment: Environment;
  service: string;
  base_deployment_id: string | null;
  /** JSON: the plan as answered. */
  body: string;
  expires_at: string;
  created_at: string;
}

export interface RegionOverridesTable {
  slug: string;
  /** 1 available, 0 taken out by an operator. */
  available: number;
  updated_at: string;
}
