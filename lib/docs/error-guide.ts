import type { ErrorCode } from "@/lib/errors";

/**
 * What each error code means and what a client should do about it. The codes and statuses come
 * from ERROR_CODES (lib/errors.ts); a test fails when a code there has no entry here.
 */
export const ERROR_GUIDE: Partial<Record<ErrorCode, { meaning: string; action: string }>> = {
  bad_request: {
    meaning:
      "The request itself is malformed: a query or path parameter out of range, mixed pagination styles, malformed JSON, or a bad `Idempotency-Key` header. `errors[]` names the parameter when one is at fault.",
    action: "Fix the request as `detail` says. Sending it again unchanged gives the same answer.",
  },
  unauthorized: {
    meaning:
      "No usable key: the `Authorization` header is missing or malformed, or the key is unknown, revoked or expired, or a live key was sent to `/sandbox/v1`.",
    action:
      "Send `Authorization: Bearer <key>` with a current key. If it was rotated or revoked, switch to its replacement.",
  },
  forbidden: {
    meaning: "The key is valid but does not hold the scope this operation needs.",
    action:
      "Use a key that holds the scope named in `detail`, or create one with it. Retrying with the same key will not help.",
  },
  https_required: {
    meaning: "The request came over plain HTTP and this deployment only accepts HTTPS.",
    action: "Call the `https://` address.",
  },
  not_found: {
    meaning:
      "Nothing with that id exists in the key's project and environment, or there is no such path or API version. Objects of other projects, and live objects seen with a sandbox key, are reported the same way.",
    action:
      "Check the id and the path, and that the key belongs to the environment where the object was created.",
  },
  method_not_allowed: {
    meaning: "The path exists, but not with this HTTP method.",
    action: "Use one of the methods listed in the `Allow` header.",
  },
  conflict: {
    meaning:
      "The object's current state does not allow this: a resource another one uses (the `detail` names it), or an action that does not fit its status, such as stopping an instance that is still provisioning.",
    action:
      "Remove the dependency or wait for the state to change, then try again. A blind retry gets the same answer.",
  },
  idempotency_key_in_use: {
    meaning: "A request with the same `Idempotency-Key` is still being processed.",
    action:
      "Wait for `Retry-After` seconds and send the same request with the same key again: you will get the first request's answer.",
  },
  last_owner: {
    meaning:
      "The change would leave the organization without an owner: the last owner cannot be demoted, removed or leave. When two owners demote each other at the same moment, one change wins and the other gets this answer.",
    action:
      "Make another member an owner first (or transfer ownership in the portal), then try again.",
  },
  cursor_expired: {
    meaning:
      "The event you asked to resume after (`Last-Event-ID` or `after`) is no longer in the event log: it is older than the retention period, or it never was one of this project's events. `oldest_available` in the body is the oldest event still kept.",
    action:
      "Read what you need from the current state (the lists), then reconnect without a cursor, or from `oldest_available`, and process events from there on.",
  },
  invitation_expired: {
    meaning:
      "The invitation link can no longer be used: the invitation expired (they last 7 days), was revoked, was already accepted, or was sent again with a newer link that replaced this one.",
    action:
      "Ask someone who manages members to send the invitation again; the new e-mail carries a fresh link valid for 7 days.",
  },
  plan_stale: {
    meaning:
      "The deployment names a `plan_id` whose base (the service's running revision) changed after the plan was made, or the plan expired.",
    action: "Make a new plan with `POST /v1/deployments/plan`, review it, and deploy with its id.",
  },
  deployment_in_progress: {
    meaning: "Another deployment of the same service has not finished yet.",
    action:
      "Wait for it to finish (or pause, cancel or roll it back), then deploy again. The `detail` names it.",
  },
  payload_too_large: {
    meaning: "The body is larger than 1 MiB; it was refused before being read in full.",
    action: "Send a smaller body.",
  },
  unsupported_media_type: {
    meaning: "The request has a body that is not declared as JSON.",
    action: "Send `Content-Type: application/json` with a JSON body.",
  },
  validation_failed: {
    meaning:
      "The JSON body was read but its fields are wrong: a required field is missing, a value has the wrong type or is out of range, or it names something that does not exist (such as an unknown region). `errors[]` lists every field at fault.",
    action: "Correct each field listed in `errors[]` and send the request again.",
  },
  idempotency_key_mismatch: {
    meaning:
      "This `Idempotency-Key` was already used, within the last 24 hours, for a request with a different method, path or body.",
    action:
      "Use a fresh key for every distinct request; reuse a key only to retry exactly the same request.",
  },
  rate_limited: {
    meaning:
      "The key's bucket (or your address, for unauthenticated calls) has used its requests for this minute.",
    action:
      "Wait at least `Retry-After` seconds, then retry with exponential back-off and jitter. See [Rate limits](/docs/rate-limits).",
  },
  internal_error: {
    meaning: "Something failed on our side. The answer never contains internal details.",
    action:
      "Retry with back-off (with an `Idempotency-Key` for a `POST`). If it keeps happening, report the `request_id`.",
  },
  service_unavailable: {
    meaning:
      "The service cannot answer right now, for example while an instance restarts or a store it depends on is unreachable.",
    action: "Retry with exponential back-off; honour `Retry-After` when it is present.",
  },
};
