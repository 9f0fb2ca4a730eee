/**
 * Keeps one turn of the event loop short while the server is overloaded, so it keeps accepting
 * connections. libuv accepts one new connection per turn, and a turn runs every request that
 * arrived on the open connections: under a burst of POSTs (~1 ms each over 50 connections) a turn
 * took ~50 ms, so a client opening its connection behind 49 others waited 49 turns (~2 s) for
 * its first answer. With a budget, requests start at once while the turn has spent less than
 * `budgetMs` on them; the rest wait in arrival order and start a few per later turn.
 *
 * Waiting requests start together in one callback, not one per arrival: their transactions then
 * queue up on the SQLite connection at once and commit as one group. Starting one per arrival
 * (each running to its end before the next socket is read) measured 1,234 us of CPU per POST
 * against 663. 6 ms keeps a turn of 50 cached GETs (~4 ms) under budget: at 4 ms, GET p99 went
 * from 11 to 21 ms; at 8 ms, POST p99 rose to ~250 ms.
 */
export interface TurnBudget {
  /** Runs `start` now, or after the requests already waiting (in arrival order). */
  admit(start: () => void): void;
  /** Requests waiting to start. */
  waiting(): number;
}

export interface TurnBudgetOptions {
  budgetMs?: number;
  now?: () => number;
  /** Runs a callback on a later turn of the loop (tests pass their own). */
  later?: (callback: () => void) => void;
}

const MAX_PER_TURN = 256;

export function createTurnBudget(options: TurnBudgetOptions = {}): TurnBudget {
  const budgetMs = options.budgetMs ?? 6;
  const now = options.now ?? (() => performance.now());
  const later = options.later ?? ((callback: () => void) => setImmediate(callback));
  const queue: Array<() => void> = [];
  /** When this turn started its first request; -1 between turns. */
  let turnStartedAt = -1;
  let pumping = false;
  /** When the pump last ran; -1 while nothing waits. The time between two runs is one turn. */
  let pumpedAt = -1;
  /** Waiting requests started per turn: doubled while turns stay within budget, else halved. */
  let perTurn = 1;

  /** Requests this turn started at once (before its budget ran out). */
  let startedThisTurn = 0;

  const endTurn = () => {
    turnStartedAt = -1;
    startedThisTurn = 0;
  };
  // An immediate queued from an immediate runs on the next turn, after that turn has polled (and
  // accepted) again. How many waiting requests fit in a turn is learnt from how long turns take:
  // a few POSTs, dozens of cached GETs.
  const pump = () => {
    const at = now();
    if (pumpedAt >= 0) {
      perTurn =
        at - pumpedAt < budgetMs ? Math.min(perTurn * 2, MAX_PER_TURN) : Math.max(1, perTurn >> 1);
    }
    pumpedAt = at;
    const batch = queue.splice(0, perTurn);
    if (queue.length > 0) later(pump);
    else {
      pumping = false;
      pumpedAt = -1;
    }
    for (const start of batch) start();
  };

  return {
    admit(start) {
      if (queue.length === 0) {
        const at = now();
        if (turnStartedAt < 0) {
          turnStartedAt = at;
          later(endTurn);
        }
        if (at - turnStartedAt < budgetMs) {
          startedThisTurn++;
          start();
          return;
        }
      }
      queue.push(start);
      if (!pumping) {
        // An overload starts from what fitted in this turn's budget: dozens of GETs, a few POSTs.
        perTurn = Math.max(1, Math.min(startedThisTurn, MAX_PER_TURN));
        pumping = true;
        later(pump);
      }
    },
    waiting: () => queue.length,
  };
}
