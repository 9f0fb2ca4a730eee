import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Runtime } from "@/lib/runtime";

export interface ServedApi {
  /** http://127.0.0.1:<port>, the origin clients use as their base URL. */
  url: string;
  close(): Promise<void>;
}

export interface SentAnswer {
  method: string;
  path: string;
  status: number;
  /** The body exactly as the API sent it. */
  body: string;
}

/**
 * The runtime's API app on a real loopback port (a free one), for clients that speak HTTP.
 * `record` receives every answer's body as sent (to compare a client's output with it).
 */
export async function serveApi(
  runtime: Runtime,
  /** port: a fixed one (to serve again where a stopped server was, as after a restart). */
  options: { record?: (answer: SentAnswer) => void; port?: number } = {},
): Promise<ServedApi> {
  const record = options.record;
  const fetch: typeof runtime.api.fetch = record
    ? async (request, ...rest) => {
        const response = await runtime.api.fetch(request, ...rest);
        const url = new URL(request.url);
        // A stream's body never ends: reading it here would hold the answer back forever.
        const stream = response.headers.get("content-type")?.includes("text/event-stream");
        record({
          method: request.method,
          path: url.pathname + url.search,
          status: response.status,
          body: stream ? "" : await response.clone().text(),
        });
        return response;
      }
    : runtime.api.fetch;
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch, port: options.port ?? 0, hostname: "127.0.0.1" }, () =>
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
