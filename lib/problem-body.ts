import { type AppError, ERROR_CODES, type ErrorCode, type FieldError } from "@/lib/errors";

/** An error as RFC 9457 problem details, as the API and the portal's proxy both answer it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  request_id: string;
  errors?: FieldError[];
  oldest_available?: string | null;
}

export function problemBody(error: AppError, requestId: string, docsOrigin: string): ProblemBody {
  const body: ProblemBody = {
    type: `${docsOrigin}/docs/errors#${error.code}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    code: error.code,
    detail: error.message,
    request_id: requestId,
  };
  if (error.errors && error.errors.length > 0) body.errors = error.errors;
  if (error.oldestAvailable !== undefined) body.oldest_available = error.oldestAvailable;
  return body;
}
