import type { AppError } from "@/lib/errors";
import type { RawAnswer } from "@/lib/http/raw-answer";
import { problemBody } from "@/lib/problem-body";
import { newRequestId } from "./middleware/request-id";

/**
 * A problem+json answer for a request the Hono app never sees (an upgrade request, a request
 * target no router can parse), with the headers every API answer carries.
 */
export function rawProblem(
  error: AppError,
  docsOrigin: string,
  requestId = newRequestId(),
): RawAnswer {
  return {
    status: error.status,
    headers: {
      "content-type": "application/problem+json",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
      "x-request-id": requestId,
    },
    body: JSON.stringify(problemBody(error, requestId, docsOrigin)),
  };
}
