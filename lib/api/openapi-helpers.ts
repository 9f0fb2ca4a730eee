import { problemSchema } from "@/lib/schemas/common";

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: problemSchema } },
});

/** The error answers every authenticated operation can give, for the OpenAPI document. */
export const commonErrorResponses = {
  400: problem("Malformed request or invalid query parameter"),
  401: problem("Missing, invalid, revoked or expired API key"),
  403: problem("The key lacks the scope for this action, or HTTPS is required"),
  429: problem("Rate limit exceeded; retry after Retry-After seconds"),
  500: problem("Unexpected error"),
} as const;

export const notFoundResponse = {
  404: problem("No such object in this project and environment"),
} as const;
export const validationResponse = {
  422: problem("The body failed validation; see errors[]"),
} as const;
export const conflictResponse = {
  409: problem("Conflict with the object's current state"),
} as const;
