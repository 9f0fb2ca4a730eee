import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** What to do with one request: answer it, or drop the connection without an answer. */
export type Reply =
  | { status: number; headers?: Record<string, string>; body?: string }
  | { drop: true }
  | ((request: SeenRequest, res: ServerResponse) => void);

/**
 * A loopback HTTP server that answers from a script, one reply per request in order (the last one
 * repeats), and records what it was sent: for the SDK's retry and stream behaviour, which the real
 * API cannot be made to show on demand.
 */
export class ScriptedServer {
  readonly seen: SeenRequest[] = [];
  private server: Server | undefined;
  private replies: Reply[] = [];

  script(...replies: Reply[]): this {
    this.replies = replies;
    this.seen.length = 0;
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const seen: SeenRequest = {
          method: req.method ?? "GET",
          url: req.url ?? "/",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          at: Date.now(),
        };
        const index = Math.min(this.seen.length, this.replies.length - 1);
        this.seen.push(seen);
        const reply = this.replies[index] ?? { status: 500 };
        if (typeof reply === "function") return reply(seen, res);
        if ("drop" in reply) return req.socket.destroy();
        res.writeHead(reply.status, reply.headers ?? { "content-type": "application/json" });
        res.end(reply.body ?? "");
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    return this;
  }

  get url(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

export function problemBody(status: number, code: string, detail: string): string {
  return JSON.stringify({
    type: `https://example.test/docs/errors#${code}`,
    title: code.replace(/_/g, " "),
    status,
    code,
    detail,
    request_id: "req_scripted0000000000",
  });
}
