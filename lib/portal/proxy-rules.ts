import type { Environment } from "@/lib/db/schema";
import { FORWARDED_REQUEST_HEADERS, PROXY_BASE } from "./proxy-protocol";

// Pure checks of the portal proxy (lib/portal/proxy.ts runs them in order). No I/O here.

export type Verdict<T> = { ok: true; value: T } | { ok: false; detail: string };

const refuse = (detail: string): { ok: false; detail: string } => ({ ok: false, detail });

/**
 * One path segment as the API's routes spell them (`v1`, `api-keys`, `res_7Hq2Lm`): unreserved
 * characters only. No `%` at all, so no encoded `/`, `\` or `..` can reach a decoder downstream.
 */
const SEGMENT = /^[A-Za-z0-9_~.-]{1,128}$/;
const MAX_PATH_LENGTH = 1024;
const MAX_QUERY_LENGTH = 4096;

/**
 * The API path for a raw request path under /api/proxy, or why it is refused: only `/v1/...`,
 * no empty, `.` or `..` segments, no percent-encoding, backslashes or control characters.
 * `rawPath` is the path exactly as it arrived (before any decoding).
 */
export function apiPathOf(rawPath: string): Verdict<string> {
  if (rawPath.length > MAX_PATH_LENGTH) return refuse("The path is too long");
  if (!rawPath.startsWith(`${PROXY_BASE}/`)) return refuse("Not a proxy path");
  const rest = rawPath.slice(PROXY_BASE.length);
  const segments = rest.slice(1).split("/");
  if (segments[0] !== "v1") return refuse("Only /v1 API paths can be proxied");
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === "..") {
      return refuse("The path has an empty, '.' or '..' segment");
    }
    if (!SEGMENT.test(segment)) {
      return refuse(
        "The path may only hold letters, digits and - _ . ~ (no encoded characters or backslashes)",
      );
    }
  }
  return { ok: true, value: `/${segments.join("/")}` };
}

/** The query string (with its `?`) if it is short and free of control characters. */
export function apiQueryOf(rawSearch: string): Verdict<string> {
  if (rawSearch.length > MAX_QUERY_LENGTH) return refuse("The query string is too long");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f\\#]/.test(rawSearch)) return refuse("The query string is malformed");
  return { ok: true, value: rawSearch === "?" ? "" : rawSearch };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** scheme://host[:port] of an http(s) URL, normalised (lower case, no default port), or null. */
export function originOf(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
  return parsed.origin;
}

/**
 * Cross-site request forgery guard for unsafe methods. The browser's `Origin` decides; without
 * it `Sec-Fetch-Site`, then `Referer`. A request that proves none of them (or says `null`, as
 * sandboxed frames and some redirects do) is refused: browsers send `Origin` on every
 * same-origin POST, PATCH and DELETE made with fetch. Scheme, host and port must all match:
 * `https://portal` is another origin than `http://portal`, and `:3001` than `:3000`.
 * `ownOrigins` are the origins this portal answers on (the request's own, NEXTAUTH_URL's).
 */
export function checkSameOrigin(
  method: string,
  headers: Headers,
  ownOrigins: readonly string[],
): Verdict<null> {
  if (SAFE_METHODS.has(method)) return { ok: true, value: null };
  const own = new Set(ownOrigins.map(originOf).filter((o): o is string => o !== null));
  const origin = headers.get("origin");
  if (origin !== null) {
    if (origin === "null")
      return refuse("Requests from an opaque origin (Origin: null) are refused");
    const sent = originOf(origin);
    if (sent && own.has(sent)) return { ok: true, value: null };
    return refuse("Cross-origin requests to the portal proxy are refused");
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null) {
    if (site === "same-origin") return { ok: true, value: null };
    return refuse(`Requests from another site (Sec-Fetch-Site: ${site}) are refused`);
  }
  const referer = headers.get("referer");
  if (referer !== null) {
    const sent = originOf(referer);
    if (sent && own.has(sent)) return { ok: true, value: null };
    return refuse("Cross-origin requests to the portal proxy are refused");
  }
  return refuse("The request's origin could not be verified (no Origin header)");
}

/** The environment to act in: the explicit header if given and valid, else the member's own. */
export function chooseEnvironment(
  asked: string | null,
  current: Environment,
): Verdict<Environment> {
  if (asked === null) return { ok: true, value: current };
  const value = asked.trim().toLowerCase();
  if (value === "live" || value === "test") return { ok: true, value };
  return refuse("X-Cap-Environment must be live or test");
}

/** Only the headers the API needs, from the browser's request. */
export function forwardedRequestHeaders(incoming: Headers): Headers {
  const out = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = incoming.get(name);
    if (value !== null) out.set(name, value);
  }
  return out;
}

/**
 * Hop-by-hop headers (RFC 9110 7.6.1) and what must not cross the proxy: cookies from the API,
 * the framing of a body fetch() has already decoded, and the API's HSTS (it speaks of the API's
 * transport; the portal sends its own, and only when the browser reached it over HTTPS).
 */
const DROPPED_RESPONSE_HEADERS = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
  "set-cookie",
  "content-encoding",
  "content-length",
  "strict-transport-security",
]);

/** The API's answer headers minus hop-by-hop, Set-Cookie and HSTS (and what Connection names). */
export function passedResponseHeaders(upstream: Headers): Headers {
  const named = new Set(
    (upstream.get("connection") ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
  const out = new Headers();
  upstream.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name) && !named.has(name)) out.append(name, value);
  });
  return out;
}
