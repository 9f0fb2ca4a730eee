/**
 * True when the store could not take the query right now rather than refusing it: every
 * PostgreSQL connection busy past the pool's wait, the server unreachable or restarting, or
 * SQLite's writer held past busy_timeout. The caller may retry, so this is a 503, not a 500.
 */
export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT") return true;
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "57P01" || code === "53300")
    return true;
  // pg-pool rejects with a plain Error when no connection frees up within connectionTimeoutMillis.
  return /timeout exceeded when trying to connect|Connection terminated/i.test(error.message);
}
