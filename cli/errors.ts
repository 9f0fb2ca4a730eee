/** Exit codes: 0 done, 1 the API (or a wait) said no, 2 the command line was wrong. */
export const EXIT_OK = 0;
export const EXIT_API_ERROR = 1;
export const EXIT_USAGE = 2;

/** The command line cannot be run as written (bad flag value, missing credentials, ...). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
