import type { components } from "./generated/openapi";

export type Problem = components["schemas"]["Problem"];
export type FieldError = NonNullable<Problem["errors"]>[number];

/** code of a request that never got an answer (DNS, refused connection, reset, timeout). */
export const CONNECTION_FAILED = "connection_failed";

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function stringField(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === "string" ? value : undefined;
}

function fieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is FieldError =>
      isRecord(e) && typeof e.field === "string" && typeof e.message === "string",
  );
}

/**
 * Every failure the SDK reports: an API answer that was not 2xx (its problem+json, status kept),
 * or a request that got no answer at all (status 0, code connection_failed).
 */
export class CloudApiError extends Error {
  override readonly name = "CloudApiError";
  /** The HTTP status; 0 when no answer arrived. */
  readonly status: number;
  /** The problem's machine-readable code (validation_failed, not_found, rate_limited, ...). */
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  /** X-Request-Id of the answer: quote it to support. */
  readonly requestId: string | null;
  /** Field errors of a 400/422. */
  readonly errors: FieldError[];
  /** The parsed body as received (a Problem for API errors). */
  readonly body: unknown;
  readonly headers: Headers;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail: string;
    requestId?: string | null;
    errors?: FieldError[];
    body?: unknown;
    headers?: Headers;
    cause?: unknown;
  }) {
    super(`${init.title}${init.detail ? `: ${init.detail}` : ""}`, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId ?? null;
    this.errors = init.errors ?? [];
    this.body = init.body;
    this.headers = init.headers ?? new Headers();
  }

  /** From a non-2xx answer and its body (parsed JSON when it was JSON, else the text). */
  static fromResponse(response: Response, body: unknown): CloudApiError {
    const problem = isRecord(body) ? body : {};
    const statusText = response.statusText || `HTTP ${response.status}`;
    return new CloudApiError({
      status: response.status,
      code: stringField(problem, "code") ?? `http_${response.status}`,
      title: stringField(problem, "title") ?? statusText,
      detail:
        stringField(problem, "detail") ?? (typeof body === "string" ? body.slice(0, 500) : ""),
      requestId: stringField(problem, "request_id") ?? response.headers.get("x-request-id"),
      errors: fieldErrors(problem.errors),
      body,
      headers: response.headers,
    });
  }

  static async read(response: Response): Promise<CloudApiError> {
    const text = await response.text().catch(() => "");
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return CloudApiError.fromResponse(response, body);
  }

  static connection(url: string, cause: unknown): CloudApiError {
    const reason = cause instanceof Error ? (causeMessage(cause) ?? cause.message) : String(cause);
    return new CloudApiError({
      status: 0,
      code: CONNECTION_FAILED,
      title: "Connection failed",
      detail: `${new URL(url).origin}: ${reason}`,
      cause,
    });
  }
}

/** undici wraps the useful reason (ECONNREFUSED ...) in cause. */
export function causeMessage(error: Error): string | undefined {
  const cause = error.cause;
  if (cause instanceof Error) return cause.message;
  return undefined;
}

/** A failure that may pass if tried again: no answer (status 0), 429, or 5xx. */
export function isTransientError(error: unknown): error is CloudApiError {
  return (
    error instanceof CloudApiError &&
    (error.status === 0 || error.status === 429 || error.status >= 500)
  );
}
