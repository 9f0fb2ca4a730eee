import type { IncomingMessage } from "node:http";

/**
 * What the API app gets beside the Request: @hono/node-server passes the IncomingMessage; the
 * portal's in-process proxy and tests pass a stand-in with the client's address.
 */
export interface ApiBindings {
  incoming?: Pick<IncomingMessage, "headers"> & {
    socket: { remoteAddress?: string | undefined; encrypted?: boolean };
  };
}
