import { createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { maxConnectionsFor, openFileLimit, serverOptionsOf } from "./server-limits";

const limitsText = (soft: string) =>
  `Limit                     Soft Limit           Hard Limit           Units     \nMax open files            ${soft}                 4096                 files     \n`;

describe("server limits", () => {
  it("reads the soft open-file limit", () => {
    expect(openFileLimit(limitsText("256"))).toBe(256);
    expect(openFileLimit(limitsText("unlimited"))).toBe(Number.POSITIVE_INFINITY);
    expect(openFileLimit("nothing here")).toBeNull();
  });

  it("caps connections below the open-file limit unless configured", () => {
    expect(maxConnectionsFor(500, 256)).toBe(500);
    expect(maxConnectionsFor(undefined, 256)).toBe(128);
    expect(maxConnectionsFor(undefined, 1_048_576)).toBe(10_000);
    expect(maxConnectionsFor(undefined, Number.POSITIVE_INFINITY)).toBe(10_000);
    expect(maxConnectionsFor(undefined, 64)).toBe(16);
    expect(maxConnectionsFor(undefined, null)).toBe(10_000);
  });

  it("checks connections often enough to enforce the headers timeout", () => {
    const options = serverOptionsOf({
      headersTimeoutMs: 2000,
      requestTimeoutMs: 4000,
      keepAliveTimeoutMs: 5000,
      maxConnections: undefined,
    });
    expect(options).toEqual({
      headersTimeout: 2000,
      requestTimeout: 4000,
      keepAliveTimeout: 5000,
      connectionsCheckingInterval: 500,
    });
  });

  it("lets an answer stream past the request timeout (it covers receiving the request only)", async () => {
    const server = createServer(
      serverOptionsOf({
        headersTimeoutMs: 1000,
        requestTimeoutMs: 1000,
        keepAliveTimeoutMs: 1000,
        maxConnections: undefined,
      }),
      (_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        let sent = 0;
        const timer = setInterval(() => {
          res.write(`data: ${sent}\n\n`);
          if (++sent === 8) {
            clearInterval(timer);
            res.end();
          }
        }, 300);
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const body = await new Promise<string>((resolve, reject) => {
        get({ host: "127.0.0.1", port, path: "/stream" }, (res) => {
          let text = "";
          res.on("data", (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on("end", () => resolve(text));
          res.on("error", reject);
        }).on("error", reject);
      });
      expect(body.match(/^data: /gm)).toHaveLength(8);
    } finally {
      server.close();
    }
  });
});
