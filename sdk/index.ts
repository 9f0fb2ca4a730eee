export {
  type ClientOptions,
  type CloudClient,
  createClient,
  DEFAULT_BASE_URL,
} from "./client";
export {
  DEPLOYMENT_TERMINAL_STATUSES,
  type Deployment,
  type DeploymentInput,
  type DeploymentListQuery,
  type DeploymentPlan,
  type DeploymentStatus,
  type DeploymentsApi,
  type DeploymentWaitOptions,
} from "./deployments-api";
export {
  CloudApiError,
  CONNECTION_FAILED,
  type FieldError,
  isTransientError,
  type Problem,
} from "./errors";
export type { EventStreamOptions, ReconnectInfo } from "./event-stream";
export type { EventListQuery, EventsApi } from "./events-api";
export type { RequestLogTailOptions } from "./request-log-tail";
export type {
  RequestLog,
  RequestLogDetail,
  RequestLogFilters,
  RequestLogListQuery,
  RequestLogsApi,
} from "./request-logs-api";
export { DEFAULT_RETRY_POLICY, type RetryPolicy, retryAfterMs } from "./transport";
export type {
  ApiEvent,
  CallOptions,
  components,
  ListItem,
  ListPath,
  ListQuery,
  paths,
  Resource,
  Schemas,
} from "./types";
export { SDK_PACKAGE, SDK_VERSION } from "./version";
export {
  CloudWaitError,
  type WaitForOptions,
  type WaitResult,
  type WaitTarget,
} from "./wait-for";
export { generateWebhookSecret, webhookSignatureHeaders } from "./webhook-signing";
