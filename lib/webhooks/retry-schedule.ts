/**
 * When a failed delivery is tried again, counted from its first attempt (the published FAQ:
 * "retried with exponential back-off at 1 min, 5 min, 30 min, 2 hrs, and 24 hrs"). The first
 * attempt is made at once; after the fifth retry has failed too, the delivery is failed.
 */
export const RETRY_OFFSETS_MS = [
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 60 * 60_000,
  24 * 60 * 60_000,
] as const;

/** The first attempt plus the five retries. */
export const MAX_AUTOMATIC_ATTEMPTS = RETRY_OFFSETS_MS.length + 1;

/**
 * Failed attempts in a row (over all of an endpoint's deliveries) that disable it when a
 * delivery has used up its retries; a success in between starts the count again.
 */
export const DISABLE_AFTER_CONSECUTIVE_FAILURES = RETRY_OFFSETS_MS.length;

/** When attempt `attempt + 1` is due after attempt `attempt` failed, or null if none is left. */
export function nextAttemptAt(firstAttemptAt: Date, attempt: number, now: Date): Date | null {
  const offset = RETRY_OFFSETS_MS[attempt - 1];
  if (offset === undefined) return null;
  const due = firstAttemptAt.getTime() + offset;
  // A retry that is already late (the runner was down) goes out now, not in the past.
  return new Date(Math.max(due, now.getTime()));
}
