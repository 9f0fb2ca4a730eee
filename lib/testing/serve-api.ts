import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Runtime } from "@/lib/runtime";

export interface ServedApi {
  /** http://127.0.0.1:<port>, the origin clients use as their base URL. */
  url: string;
  close(): Promise<void>;
}

/** The runtime's API app on a real loopback port (a free one), for clients that speak HTTP. */
export async function serveApi(runtime: Runtime): Promise<ServedApi> {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: runtime.api.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(started),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets of finished clients would hold close() open.
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
