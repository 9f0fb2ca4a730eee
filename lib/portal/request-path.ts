/** Set by proxy.ts on /dashboard requests: the path (and query) the visitor asked for. */
export const REQUEST_PATH_HEADER = "x-cap-path";

/**
 * A same-origin relative path we are willing to send someone back to after sign-in, or null.
 * Refuses absolute and protocol-relative URLs ("//evil", "/\\evil") and anything that would leave
 * this origin once a browser resolves it.
 */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2048) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\\]/.test(raw)) return null;
  try {
    const base = "http://return.invalid";
    const url = new URL(raw, base);
    if (url.origin !== base) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}
