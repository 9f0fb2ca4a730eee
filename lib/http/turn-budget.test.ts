import { Agent, createServer, get } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createTurnBudget } from "./turn-budget";

/** A loop under test control: `turn()` runs what was deferred to the next turn. */
function manualLoop() {
  let clock = 0;
  let deferred: Array<() => void> = [];
  return {
    now: () => clock,
    later: (callback: () => void) => void deferred.push(callback),
    advance: (ms: number) => {
      clock += ms;
    },
    turn: () => {
      const due = deferred;
      deferred = [];
      for (const callback of due) callback();
    },
  };
}

describe("createTurnBudget", () => {
  it("starts requests at once while the turn is within budget, then queues them in order", () => {
    const loop = manualLoop();
    const budget = createTurnBudget({ budgetMs: 4, now: loop.now, later: loop.later });
    const started: string[] = [];
    const request = (name: string, costMs: number) =>
      budget.admit(() => {
        started.push(name);
        loop.advance(costMs);
      });
    request("a", 1);
    request("b", 1);
    request("c", 3);
    request("d", 1);
    request("e", 1);
    expect(started).toEqual(["a", "b", "c"]);
    expect(budget.waiting()).toBe(2);
    // The next turn starts as many as fitted in this one's budget (three), in arrival order.
    loop.turn();
    expect(started).toEqual(["a", "b", "c", "d", "e"]);
    expect(budget.waiting()).toBe(0);
  });

  it("keeps arrival order: a request arriving while others wait goes behind them", () => {
    const loop = manualLoop();
    const budget = createTurnBudget({ budgetMs: 2, now: loop.now, later: loop.later });
    const started: string[] = [];
    const request = (name: string) =>
      budget.admit(() => {
        started.push(name);
        loop.advance(5);
      });
    request("first");
    request("queued 1");
    request("queued 2");
    loop.turn();
    expect(started).toEqual(["first", "queued 1"]);
    // A new turn: the queue is not empty, so the newcomer waits instead of jumping ahead.
    request("newcomer");
    expect(started).toEqual(["first", "queued 1"]);
    loop.turn();
    loop.turn();
    expect(started).toEqual(["first", "queued 1", "queued 2", "newcomer"]);
  });

  it("starts more waiting requests per turn while turns stay short", () => {
    const loop = manualLoop();
    const budget = createTurnBudget({ budgetMs: 4, now: loop.now, later: loop.later });
    let started = 0;
    const cheap = () => {
      started++;
      loop.advance(0.01);
    };
    budget.admit(() => loop.advance(10));
    for (let n = 0; n < 30; n++) budget.admit(cheap);
    const perTurn: number[] = [];
    while (budget.waiting() > 0) {
      const before = started;
      loop.advance(1);
      loop.turn();
      perTurn.push(started - before);
    }
    expect(started).toBe(30);
    expect(perTurn.slice(0, 4)).toEqual([1, 2, 4, 8]);
  });
});

describe("turn budget on a real server", () => {
  it("accepts a burst of new connections while old ones keep it busy", async () => {
    const budget = createTurnBudget({ budgetMs: 4 });
    let handled = 0;
    const server = createServer((_req, res) =>
      budget.admit(() => {
        // ~2 ms of synchronous work per request, like a POST on a busy store.
        const until = performance.now() + 2;
        while (performance.now() < until);
        handled++;
        res.end("ok");
      }),
    );
    // Per connection: the client's port and how many requests had been handled when it came in.
    const accepted: Array<{ port: number | undefined; handled: number }> = [];
    server.on("connection", (socket) => accepted.push({ port: socket.remotePort, handled }));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/`;
    let busy = true;
    const oldAgent = new Agent({ keepAlive: true, maxSockets: 20 });
    const newAgent = new Agent({ keepAlive: true, maxSockets: 20 });
    const burstPorts = new Set<number>();
    const fetchText = (agent: Agent) =>
      new Promise<string>((resolve, reject) => {
        const req = get(url, { agent }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => resolve(text));
        });
        req.on("error", reject);
        if (agent === newAgent)
          req.on("socket", (socket) =>
            socket.once("connect", () => {
              if (socket.localPort !== undefined) burstPorts.add(socket.localPort);
            }),
          );
      });
    const keepBusy = async () => {
      while (busy) await fetchText(oldAgent);
    };
    const loops = Array.from({ length: 20 }, keepBusy);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const burst = await Promise.all(Array.from({ length: 20 }, () => fetchText(newAgent)));
      expect(burst.every((text) => text === "ok")).toBe(true);
      // Only the burst's own connections: a busy loop's keep-alive socket may be replaced meanwhile.
      const burstAccepts = accepted
        .filter((a) => a.port !== undefined && burstPorts.has(a.port))
        .map((a) => a.handled);
      expect(burstAccepts).toHaveLength(20);
      // libuv accepts one connection per turn. Unbudgeted, each turn ran every busy request, and
      // ~200 requests were served while the burst got in (measured); budgeted, ~30.
      const spread = (burstAccepts.at(-1) ?? 0) - (burstAccepts[0] ?? 0);
      expect(spread).toBeLessThan(100);
    } finally {
      busy = false;
      await Promise.all(loops);
      oldAgent.destroy();
      newAgent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
