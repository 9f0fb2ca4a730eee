import type { ProxyTrust } from "./trusted-proxy";

/** A host we are willing to print in a page: a DNS name or a bracketed IPv6 address, and a port. */
const HOST =
  /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

export interface ArrivingRequest {
  /** The Host header. */
  host: string | undefined;
  /** X-Forwarded-Host: believed only when the peer is a trusted proxy. */
  forwardedHost: string | undefined;
  /** The socket's peer address. */
  remote: string | undefined;
  /** TLS on our socket, or a trusted proxy saying the client used HTTPS. */
  secure: boolean;
}

/** The origin the client used to reach us; a malformed host becomes `localhost`. */
export function requestOrigin(request: ArrivingRequest, trust: ProxyTrust): string {
  const forwarded = trust(request.remote)
    ? request.forwardedHost?.split(",")[0]?.trim()
    : undefined;
  const host = [forwarded, request.host].find((h) => h !== undefined && HOST.test(h));
  return `${request.secure ? "https" : "http"}://${(host ?? "localhost").toLowerCase()}`;
}

/**
 * The base URL customers call, shown in the docs' samples: the configured one
 * (`configuredApiBaseUrl` in lib/config.ts, read at start), else this request's origin.
 */
export function publicBaseUrl(
  configured: string | undefined,
  request: ArrivingRequest,
  trust: ProxyTrust,
): string {
  return configured ?? requestOrigin(request, trust);
}
