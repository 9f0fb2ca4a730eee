import type { MiddlewareHandler } from "hono";
import type { ProxyTrust } from "@/lib/net/trusted-proxy";
import type { UsageWriter } from "@/lib/usage/usage-writer";
import type { ApiEnv } from "../env";
import { applyResponseHeaders } from "../response-headers";
import { beginRequest } from "./request-id";
import { applyTransport } from "./security-headers";
import { recordUsage } from "./usage-metering";

/**
 * The first middleware of every API request, in one step: request id and header bag, the sandbox
 * mark, transport facts (and the HTTPS refusal); once the answer is ready (errors included: Hono
 * has turned them into answers one level down), the bag onto an answer built without it and the
 * usage record. One middleware, not five: each level costs Hono an async dispatch, and in the
 * one-port server every promise also pays Next's async-context hooks.
 */
export function requestFront(options: {
  trust: ProxyTrust;
  requireHttps: boolean;
  usage: UsageWriter;
}): MiddlewareHandler<ApiEnv> {
  const { trust, requireHttps, usage } = options;
  return (c, next) => {
    const started = performance.now();
    beginRequest(c);
    const url = c.req.url;
    c.set(
      "sandboxSurface",
      url.indexOf("/sandbox/v1", url.indexOf("//") + 2) !== -1 && c.req.path.startsWith("/v1"),
    );
    applyTransport(c, trust, requireHttps);
    return next().then(() => {
      recordUsage(usage, c, started);
      applyResponseHeaders(c);
    });
  };
}
