import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** The t= of Cloud-Signature, in ms (the sender's clock, so a test clock shows here). */
  signedAtMs: number | null;
}

/**
 * A real HTTP receiver on loopback for webhook tests. `respond` decides each answer (status and
 * body); change it between steps to make the receiver fail or recover.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  respond: (hook: ReceivedWebhook) => { status: number; body?: string } = () => ({
    status: 200,
    body: "ok",
  });
  private server: Server | undefined;
  private port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const signature = String(req.headers["cloud-signature"] ?? "");
        const t = /(?:^|,)t=(\d+)/.exec(signature)?.[1];
        const hook: ReceivedWebhook = {
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          signedAtMs: t ? Number(t) * 1000 : null,
        };
        this.received.push(hook);
        const answer = this.respond(hook);
        res.writeHead(answer.status, { "content-type": "text/plain" });
        res.end(answer.body ?? "");
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = "/hooks"): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  get portNumber(): number {
    return this.port;
  }

  /** Forgets what was received so far. */
  clear(): void {
    this.received.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
