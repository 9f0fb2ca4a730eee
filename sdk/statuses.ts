/**
 * Statuses a deployment never leaves. The SDK is packed on its own, so it keeps its copy of the
 * API's list (the Deployment schema's enum names them all).
 */
export const DEPLOYMENT_TERMINAL_STATUSES = [
  "succeeded",
  "failed",
  "rolled_back",
  "rollback_failed",
  "canceled",
  "rejected",
] as const;
