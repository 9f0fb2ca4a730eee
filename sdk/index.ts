export {
  type ClientOptions,
  type CloudClient,
  createClient,
  DEFAULT_BASE_URL,
} from "./client.js";
export { CloudApiError, CONNECTION_FAILED, type FieldError, type Problem } from "./errors.js";
export type { EventStreamOptions, ReconnectInfo } from "./event-stream.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy, retryAfterMs } from "./transport.js";
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
} from "./types.js";
export { SDK_VERSION } from "./version.js";
export {
  CloudWaitError,
  type WaitForOptions,
  type WaitResult,
  type WaitTarget,
} from "./wait-for.js";
