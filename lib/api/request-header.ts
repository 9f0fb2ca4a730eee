import type { Context } from "hono";
import type { ApiEnv } from "./env";

/**
 * A request header by its lower-case name. Under @hono/node-server the parsed headers of the
 * IncomingMessage are read directly: asking the Request instead makes it build a Headers object,
 * a cost on every request. In-process calls (tests) have no IncomingMessage and ask the Request.
 */
export function requestHeader(c: Context<ApiEnv>, name: string): string | undefined {
  const incoming = c.env?.incoming;
  if (incoming && "rawHeaders" in incoming) {
    const value = incoming.headers[name];
    return Array.isArray(value) ? value[0] : value;
  }
  return c.req.header(name);
}
