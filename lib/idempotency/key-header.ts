import { AppError } from "@/lib/errors";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;

/**
 * The Idempotency-Key header's value: absent means "no idempotency"; present but empty, longer
 * than 255 characters or holding non-printable characters is the caller's mistake (400).
 */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const fault = (message: string) =>
    new AppError("bad_request", message, {
      errors: [{ field: IDEMPOTENCY_HEADER, code: "invalid", message }],
    });
  if (value.length === 0) throw fault(`${IDEMPOTENCY_HEADER} must not be empty`);
  if (value.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw fault(
      `${IDEMPOTENCY_HEADER} must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters (got ${value.length})`,
    );
  }
  if (!PRINTABLE_ASCII.test(value)) {
    throw fault(`${IDEMPOTENCY_HEADER} must contain printable ASCII characters only`);
  }
  return value;
}
