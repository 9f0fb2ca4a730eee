import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { isStoreUnavailable } from "@/lib/db/store-unavailable";
import { AppError, ERROR_CODES, type ErrorCode, type FieldError } from "@/lib/errors";
import { problemBody } from "@/lib/problem-body";
import type { ApiEnv } from "./env";
import { requestState, sendWithHeaders } from "./response-headers";

const codeByStatus: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
  503: "service_unavailable",
};

export function fieldErrorsOf(error: ZodError, prefix = ""): FieldError[] {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "body";
    const code =
      issue.code === "invalid_type" && issue.input === undefined ? "required" : issue.code;
    const message =
      code === "required"
        ? `${field} is required`
        : `${field}: ${issue.message.replace(/^Invalid input: /, "")}`;
    return { field, code, message };
  });
}

/** Normalises anything thrown into the one error type; unknown errors become a bare 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) {
    const errors = fieldErrorsOf(error);
    return new AppError("validation_failed", errors.map((e) => e.message).join("; "), { errors });
  }
  if (error instanceof HTTPException) {
    const code =
      codeByStatus[error.status] ?? (error.status >= 500 ? "internal_error" : "bad_request");
    const detail =
      error.status === 400 && /json/i.test(error.message)
        ? "Malformed JSON in request body"
        : error.message;
    return new AppError(code, detail || ERROR_CODES[code].title);
  }
  if (isStoreUnavailable(error)) {
    return new AppError("service_unavailable", "The service is busy; retry in a moment", {
      headers: { "Retry-After": "1" },
    });
  }
  return new AppError(
    "internal_error",
    "An unexpected error occurred; retry later or contact support with the request id",
  );
}

/**
 * The single mapper from an error to an HTTP answer. It carries the request's header bag (request
 * id, transport, rate limit), so errors have the same headers as successes.
 */
export function problemResponse(c: Context<ApiEnv>, thrown: unknown, docsOrigin: string): Response {
  const error = toAppError(thrown);
  const state = requestState(c);
  state.errorCode = error.code;
  state.errorDetail = error.message;
  const headers = state.headers;
  headers["content-type"] = "application/problem+json";
  if (error.code === "unauthorized") headers["www-authenticate"] = 'Bearer realm="cloud-api"';
  if (error.headers) {
    for (const name in error.headers) headers[name.toLowerCase()] = error.headers[name] as string;
  }
  const requestId = c.get("requestId") ?? "req_unknown";
  return sendWithHeaders(
    c,
    JSON.stringify(problemBody(error, requestId, docsOrigin)),
    error.status,
    headers,
  );
}
