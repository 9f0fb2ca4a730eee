/**
 * The one error type of the product. Domain code throws AppError with a code from this table;
 * the API's single mapper turns it into problem+json, the portal into an inline message.
 */
export const ERROR_CODES = {
  bad_request: { status: 400, title: "Bad request" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  https_required: { status: 403, title: "HTTPS required" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  conflict: { status: 409, title: "Conflict" },
  idempotency_key_in_use: { status: 409, title: "Idempotency key in use" },
  last_owner: { status: 409, title: "Last owner" },
  plan_stale: { status: 409, title: "Plan stale" },
  deployment_in_progress: { status: 409, title: "Deployment in progress" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  cursor_expired: { status: 410, title: "Cursor expired" },
  invitation_expired: { status: 410, title: "Invitation expired" },
  validation_failed: { status: 422, title: "Validation failed" },
  idempotency_key_mismatch: { status: 422, title: "Idempotency key mismatch" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal_error: { status: 500, title: "Internal server error" },
  service_unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  /** For cursor_expired: the oldest event id a stream or list can still resume from. */
  readonly oldestAvailable: string | null | undefined;

  constructor(
    code: ErrorCode,
    detail: string,
    extra: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      oldestAvailable?: string | null;
    } = {},
  ) {
    super(detail);
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.errors = extra.errors;
    this.headers = extra.headers;
    this.oldestAvailable = extra.oldestAvailable;
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} was not found`);
export const forbidden = (detail: string) => new AppError("forbidden", detail);
export const conflict = (detail: string) => new AppError("conflict", detail);
export const badRequest = (detail: string, errors?: FieldError[]) =>
  new AppError("bad_request", detail, { errors });
export const validationFailed = (errors: FieldError[]) =>
  new AppError("validation_failed", errors.map((e) => e.message).join("; "), { errors });
