import type { MiddlewareHandler } from "hono";
import { newId } from "@/lib/ids";
import type { ApiEnv } from "../env";

const WELL_FORMED = /^req_[A-Za-z0-9_-]{6,64}$/;

/** Echoes a well-formed client id (so a caller can correlate), otherwise mints one. */
export const requestId: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const sent = c.req.header("x-request-id");
  const id = sent && WELL_FORMED.test(sent) ? sent : newId("req", 20);
  c.set("requestId", id);
  c.header("X-Request-Id", id);
  await next();
};
