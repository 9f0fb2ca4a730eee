/**
 * The contract between the browser and the portal's proxy (client-safe: no server imports).
 *
 * The browser calls `/api/proxy/v1/...` with its session cookie and nothing else. The proxy
 * answers with the API's own status, problem+json body and rate-limit headers.
 */

/** Where the proxy is mounted; `${PROXY_BASE}/v1/resources` reaches the API's `/v1/resources`. */
export const PROXY_BASE = "/api/proxy";

/**
 * Optional request header naming the environment to act in, `live` or `test`, instead of the
 * member's current one (the `cap_env` cookie). The docs' try-it sends `test` so examples always
 * run against Sandbox data. Any other value is a 400.
 */
export const PROXY_ENVIRONMENT_HEADER = "x-cap-environment";

/** Request headers the proxy passes on to the API; every other header the browser sent is dropped. */
export const FORWARDED_REQUEST_HEADERS = [
  "content-type",
  "accept",
  "idempotency-key",
  "x-request-id",
  // An EventSource resends the last id it saw when it reconnects: the stream resumes from it.
  "last-event-id",
] as const;

/**
 * API paths answered with a long-lived stream (server-sent events): the proxy passes their body
 * through as it comes, without its request timeout, and ends it when the browser leaves.
 */
export const EVENT_STREAM_PATH = "/v1/events/stream";

/** Bodies above this are refused (413) before anything is forwarded, as the API itself does. */
export const PROXY_MAX_BODY_BYTES = 1024 * 1024;
