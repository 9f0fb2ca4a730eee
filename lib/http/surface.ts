/** /v1, /sandbox/v1 and any other version prefix (so /v2 gets the API's 404) belong to the API. */
export function isApiPath(url: string): boolean {
  if (url.startsWith("/sandbox/")) return true;
  if (url.charCodeAt(0) !== 47 || url.charCodeAt(1) !== 118) return false; // "/v"
  return /^\/v\d+(?:[/?]|$)/.test(url);
}

/** Set by server.ts from the socket and the trusted-proxy rule; a client-sent copy is overwritten. */
export const CLIENT_IP_HEADER = "x-cap-client-ip";

/** Set by server.ts beside CLIENT_IP_HEADER: `https` or `http`, as the trusted-proxy rule decides. */
export const CLIENT_PROTO_HEADER = "x-cap-client-proto";

/**
 * Set by server.ts on every portal request: the base URL customers call (PUBLIC_API_URL, else
 * NEXTAUTH_URL as configured at start, else this request's origin); a client-sent copy is overwritten.
 */
export const PUBLIC_BASE_URL_HEADER = "x-cap-public-base-url";
