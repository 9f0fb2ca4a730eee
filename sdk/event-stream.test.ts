import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CloudApiError, createClient, type ReconnectInfo } from "./index";
import { problemBody } from "./testing/scripted-server";

interface LogEvent {
  id: string;
  type: string;
  object_id: string;
  data: Record<string, unknown>;
  created_at: string;
}

const log: LogEvent[] = Array.from({ length: 8 }, (_, i) => ({
  id: `evt_${String(i + 1).padStart(4, "0")}`,
  type: i % 2 === 0 ? "resource.created" : "resource.active",
  object_id: `res_${i + 1}`,
  data: { n: i + 1 },
  created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
}));

interface Plan {
  send: number;
  after: "drop" | "reconnect" | "stay";
}

interface Connection {
  lastEventId: string | undefined;
  query: URLSearchParams;
  authorization: string | undefined;
}

/**
 * Speaks GET /v1/events/stream as issue 11 specifies it: `retry: 3000` first, each event as
 * id/event/data (one line of JSON), `: ping` comments, and a replay of what follows Last-Event-ID.
 * `behaviour` decides, per connection, how many events it sends before it drops, or what else.
 */
class SseServer {
  readonly connections: Connection[] = [];
  /** Per connection (1, 2, ...): how many events to send, and what to do after them. */
  behaviour: (n: number, res: ServerResponse) => Plan = () => ({ send: Infinity, after: "stay" });
  retryField = 3000;
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? "/", "http://x");
      const lastEventId = req.headers["last-event-id"] as string | undefined;
      this.connections.push({
        lastEventId,
        query: url.searchParams,
        authorization: req.headers.authorization,
      });
      const plan = this.behaviour(this.connections.length, res);
      if (res.headersSent || res.writableEnded) return;
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      });
      res.write(`retry: ${this.retryField}\n\n`);
      const types = url.searchParams.get("type")?.split(",");
      const start = lastEventId ? log.findIndex((e) => e.id === lastEventId) + 1 : 0;
      const events = log.slice(start).filter((e) => !types || types.includes(e.type));
      for (const [index, event] of events.slice(0, plan.send).entries()) {
        if (index === 1) res.write(": ping\n\n");
        res.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      }
      // A network drop in the middle of the stream.
      if (plan.after === "drop") setTimeout(() => req.socket.destroy(), 20);
      // The server's request to come back (it keeps the connection open; the client must leave).
      if (plan.after === "reconnect") res.write("event: reconnect\ndata: {}\n\n");
      // "stay" keeps the connection open, as a live stream does.
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.close(() => resolve());
      this.server?.closeAllConnections();
    });
  }
}

async function take<T>(iterable: AsyncIterable<T>, count: number): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) {
    out.push(item);
    if (out.length === count) break;
  }
  return out;
}

describe("client.events.stream", () => {
  let sse: SseServer;
  beforeEach(async () => {
    sse = new SseServer();
    await sse.start();
  });
  afterEach(() => sse.close());
  const client = () => createClient({ apiKey: "sk_test_stream", baseUrl: sse.url });

  it("yields each event once, in order, and resumes from the last id after a drop", async () => {
    sse.behaviour = (n) => ({ send: n === 1 ? 3 : Infinity, after: n === 1 ? "drop" : "stay" });
    const reconnects: ReconnectInfo[] = [];
    const opens: unknown[] = [];
    const events = await take(
      client().events.stream({
        reconnectDelayMs: 10,
        onReconnect: (r) => reconnects.push(r),
        onOpen: (o) => opens.push(o),
      }),
      8,
    );
    expect(opens).toEqual([
      { lastEventId: undefined, reconnected: false },
      { lastEventId: "evt_0003", reconnected: true },
    ]);
    expect(events.map((e) => e.id)).toEqual(log.map((e) => e.id));
    expect(events[0]).toEqual(log[0]);
    expect(sse.connections).toHaveLength(2);
    expect(sse.connections[0]?.lastEventId).toBeUndefined();
    expect(sse.connections[1]?.lastEventId).toBe("evt_0003");
    expect(sse.connections[0]?.authorization).toBe("Bearer sk_test_stream");
    expect(reconnects).toHaveLength(1);
    expect(reconnects[0]).toMatchObject({
      failures: 0,
      failedReconnects: 0,
      lastEventId: "evt_0003",
      delayMs: 10,
    });
  });

  it("sends the type filter and `after` as Last-Event-ID on the first connection", async () => {
    const events = await take(
      client().events.stream({ types: ["resource.active"], after: "evt_0004" }),
      2,
    );
    expect(events.map((e) => e.id)).toEqual(["evt_0006", "evt_0008"]);
    expect(sse.connections[0]?.query.get("type")).toBe("resource.active");
    expect(sse.connections[0]?.lastEventId).toBe("evt_0004");
  });

  it("waits what the server's retry: field says when no delay is configured", async () => {
    sse.retryField = 40;
    sse.behaviour = (n) => ({ send: n === 1 ? 1 : Infinity, after: n === 1 ? "drop" : "stay" });
    const reconnects: ReconnectInfo[] = [];
    await take(client().events.stream({ onReconnect: (r) => reconnects.push(r) }), 3);
    expect(reconnects.map((r) => r.delayMs)).toEqual([40]);
  });

  it("reconnects when the server asks (event: reconnect) and after silence past idleTimeoutMs", async () => {
    const plans: Plan[] = [
      { send: 2, after: "reconnect" },
      { send: 0, after: "stay" },
      { send: Infinity, after: "stay" },
    ];
    sse.behaviour = (n) => plans[n - 1]!;
    const reasons: string[] = [];
    const events = await take(
      client().events.stream({
        reconnectDelayMs: 5,
        idleTimeoutMs: 200,
        onReconnect: (r) => reasons.push(r.reason),
      }),
      8,
    );
    expect(events.map((e) => e.id)).toEqual(log.map((e) => e.id));
    expect(sse.connections.map((c) => c.lastEventId)).toEqual([undefined, "evt_0002", "evt_0002"]);
    expect(reasons).toEqual(["the server asked to reconnect", "no data for 200 ms"]);
  });

  it("throws an error the server gives before the stream (410 cursor_expired), without retrying", async () => {
    sse.behaviour = (_n, res) => {
      res.writeHead(410, { "content-type": "application/problem+json" });
      res.end(problemBody(410, "cursor_expired", "evt_0001 is older than the retention"));
      return { send: 0, after: "stay" };
    };
    const error = await take(client().events.stream({ after: "evt_0001" }), 1).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error).toMatchObject({ status: 410, code: "cursor_expired" });
    expect(sse.connections).toHaveLength(1);
  });

  it("throws after maxReconnectAttempts failed connects in a row instead of stopping silently", async () => {
    sse.behaviour = (_n, res) => {
      res.writeHead(503, { "content-type": "application/problem+json" });
      res.end(problemBody(503, "internal_error", "down"));
      return { send: 0, after: "stay" };
    };
    const reconnects: ReconnectInfo[] = [];
    const error = await take(
      client().events.stream({
        reconnectDelayMs: 5,
        maxReconnectAttempts: 3,
        onReconnect: (r) => reconnects.push(r),
      }),
      1,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(sse.connections).toHaveLength(4);
    expect(reconnects.map((r) => r.failures)).toEqual([1, 2, 3]);
    expect(reconnects.map((r) => r.failedReconnects)).toEqual([0, 1, 2]);
    // Each failed connect in a row waits twice as long as the one before.
    expect(reconnects.map((r) => r.delayMs)).toEqual([5, 10, 20]);
  });

  it("after a drop, throws at the fifth failed reconnect in a row", async () => {
    sse.behaviour = (n, res) => {
      if (n === 1) return { send: 1, after: "drop" };
      res.writeHead(503, { "content-type": "application/problem+json" });
      res.end(problemBody(503, "internal_error", "down"));
      return { send: 0, after: "stay" };
    };
    const reconnects: ReconnectInfo[] = [];
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of client().events.stream({
        reconnectDelayMs: 2,
        onReconnect: (r) => reconnects.push(r),
      }))
        seen.push(event.id);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["evt_0001"]);
    expect(error).toMatchObject({ status: 503 });
    // One connect that dropped, then five failed reconnects.
    expect(sse.connections).toHaveLength(6);
    expect(reconnects.map((r) => r.failedReconnects)).toEqual([0, 1, 2, 3, 4]);
  });

  it("ends quietly when its signal aborts", async () => {
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const event of client().events.stream({ signal: controller.signal })) {
      seen.push(event.id);
      if (seen.length === 2) controller.abort();
    }
    expect(seen).toEqual(["evt_0001", "evt_0002"]);
  });
});
