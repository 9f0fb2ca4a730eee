import type { IncomingMessage } from "node:http";
import type { Principal } from "@/lib/principal";

export interface ApiVariables {
  requestId: string;
  /** True when the request came in under /sandbox/v1 (test keys only there). */
  sandboxSurface: boolean;
  principal: Principal;
  /** The request's client address after the trusted-proxy rule. */
  clientIp: string;
}

/** Bindings come from @hono/node-server; in-process tests may pass a fake `incoming`. */
export interface ApiBindings {
  incoming?: Pick<IncomingMessage, "headers"> & {
    socket: { remoteAddress?: string | undefined; encrypted?: boolean };
  };
}

export type ApiEnv = { Variables: ApiVariables; Bindings: ApiBindings };
