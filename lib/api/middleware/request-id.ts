import type { MiddlewareHandler } from "hono";
import { newId } from "@/lib/ids";
import type { ApiEnv } from "../env";
import { requestHeader } from "../request-header";
import { applyResponseHeaders, useHeaderBag } from "../response-headers";

const WELL_FORMED = /^req_[A-Za-z0-9_-]{6,64}$/;

/**
 * The first middleware: echoes a well-formed client request id (so a caller can correlate) or
 * mints one, starts the request's header bag, and makes sure every answer leaves with it.
 */
export const requestId: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const sent = requestHeader(c, "x-request-id");
  const id = sent && WELL_FORMED.test(sent) ? sent : newId("req", 20);
  c.set("requestId", id);
  useHeaderBag(c, { "x-request-id": id });
  await next();
  applyResponseHeaders(c);
};
