export {
  type ClientOptions,
  type CloudClient,
  createClient,
  DEFAULT_BASE_URL,
} from "./client";
export { CloudApiError, CONNECTION_FAILED, type FieldError, type Problem } from "./errors";
export type { EventStreamOptions, ReconnectInfo } from "./event-stream";
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
