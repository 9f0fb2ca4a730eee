import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "@/lib/errors";
import { arrivedOverHttps, clientAddress, type ProxyTrust } from "@/lib/net/trusted-proxy";
import type { ApiEnv } from "../env";
import { requestHeader } from "../request-header";
import { responseHeaders } from "../response-headers";

const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Transport facts (client address, HTTPS) and the headers every API answer carries. With HTTPS
 * required, a request that did not arrive over TLS (or through a trusted proxy's https) is refused.
 */
export function applyTransport(c: Context<ApiEnv>, trust: ProxyTrust, requireHttps: boolean): void {
  const socket = c.env?.incoming?.socket;
  const remote = socket?.remoteAddress;
  c.set("clientIp", clientAddress(remote, requestHeader(c, "x-forwarded-for"), trust));
  const secure = arrivedOverHttps(
    socket?.encrypted,
    remote,
    requestHeader(c, "x-forwarded-proto"),
    trust,
  );
  const headers = responseHeaders(c);
  headers["cache-control"] = "no-store";
  headers["x-content-type-options"] = "nosniff";
  if (secure) headers["strict-transport-security"] = HSTS;
  if (requireHttps && !secure) {
    throw new AppError("https_required", "This API is served over HTTPS only; retry with https://");
  }
}

/** applyTransport as a middleware of its own. */
export function transportSecurity(
  trust: ProxyTrust,
  requireHttps: boolean,
): MiddlewareHandler<ApiEnv> {
  return (c, next) => {
    applyTransport(c, trust, requireHttps);
    return next();
  };
}
