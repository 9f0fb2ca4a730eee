import type { MiddlewareHandler } from "hono";
import { AppError } from "@/lib/errors";
import { arrivedOverHttps, clientAddress, type ProxyTrust } from "@/lib/net/trusted-proxy";
import type { ApiEnv } from "../env";

/**
 * Transport facts (client address, HTTPS) and the headers every API answer carries. With HTTPS
 * required, a request that did not arrive over TLS (or through a trusted proxy's https) is refused.
 */
export function transportSecurity(
  trust: ProxyTrust,
  requireHttps: boolean,
): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const socket = c.env?.incoming?.socket;
    const remote = socket?.remoteAddress;
    c.set("clientIp", clientAddress(remote, c.req.header("x-forwarded-for"), trust));
    const secure = arrivedOverHttps(
      socket?.encrypted,
      remote,
      c.req.header("x-forwarded-proto"),
      trust,
    );
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
    if (secure) c.header("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    if (requireHttps && !secure) {
      throw new AppError(
        "https_required",
        "This API is served over HTTPS only; retry with https://",
      );
    }
    await next();
  };
}
