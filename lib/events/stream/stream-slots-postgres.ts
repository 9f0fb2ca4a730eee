import { createHash } from "node:crypto";
import pg from "pg";
import type { Logger } from "@/lib/logger";
import { createMemoryStreamSlots, type StreamSlot, type StreamSlots } from "./stream-slots";

/** Second half of every advisory lock key here ("ST" + the slot's index), apart from others. */
const SLOT_BASE = 0x5354_0000;

export interface PostgresStreamSlotsOptions {
  /** The store's connection string: one dedicated connection holds this instance's locks. */
  url: string;
  logger: Logger;
  /** How soon a silent peer's connection (and so its locks) is given up, roughly. */
  ttlMs: number;
}

interface Held {
  holder: string;
  index: number;
  onLost: () => void;
}

/** The first half of a holder's lock keys: 32 bits of its hash, as a signed int4. */
function holderKey(holder: string): number {
  return createHash("sha256").update(holder).digest().readInt32BE(0);
}

/**
 * Slot i of a key is the session advisory lock (hash(key), SLOT_BASE + i), held on one
 * connection per instance: PostgreSQL counts across instances without a table, and a crashed
 * instance's locks go with its connection (at once on a closed socket; within about the TTL
 * through TCP keepalives when its host vanishes). If that connection drops, the locks are gone,
 * so the streams that held them end and their clients reconnect and count again.
 */
export function createPostgresStreamSlots(options: PostgresStreamSlotsOptions): StreamSlots {
  const { logger, ttlMs } = options;
  const fallback = createMemoryStreamSlots();
  /** Per holder, the slot indexes this instance holds or is trying. */
  const taken = new Map<string, Set<number>>();
  const held = new Set<Held>();
  /** Unlocks sent and not yet answered: an acquire right after a release waits for them. */
  const unlocking = new Set<Promise<unknown>>();
  let client: Promise<pg.Client> | null = null;
  let closed = false;

  const loseAll = (): void => {
    const lost = [...held];
    held.clear();
    taken.clear();
    for (const entry of lost) entry.onLost();
  };

  const connect = (): Promise<pg.Client> => {
    if (client) return client;
    const seconds = Math.max(1, Math.round(ttlMs / 3000));
    const next = new pg.Client({
      connectionString: options.url,
      application_name: "cloud-api-stream-slots",
      keepAlive: true,
      keepAliveInitialDelayMillis: seconds * 1000,
    });
    const drop = () => {
      if (client !== attempt) return;
      client = null;
      void next.end().catch(() => undefined);
      loseAll();
    };
    next.on("error", (error: Error) => {
      logger.warn({ err: error.message }, "stream slots: connection error");
      drop();
    });
    next.on("end", drop);
    const attempt = (async () => {
      await next.connect();
      // The server gives up on a vanished peer (and releases its locks) after about the TTL.
      await next.query(
        `set tcp_keepalives_idle = ${seconds}; set tcp_keepalives_interval = ${seconds}; set tcp_keepalives_count = 2`,
      );
      return next;
    })();
    client = attempt;
    attempt.catch(() => {
      if (client === attempt) client = null;
    });
    return attempt;
  };

  const tryIndex = async (c: pg.Client, key: number, index: number): Promise<boolean> => {
    const result = await c.query<{ ok: boolean }>("select pg_try_advisory_lock($1, $2) as ok", [
      key,
      SLOT_BASE + index,
    ]);
    return result.rows[0]?.ok === true;
  };

  return {
    async acquire(holder, max, onLost) {
      let c: pg.Client;
      try {
        if (closed) throw new Error("closed");
        c = await connect();
      } catch (error) {
        logger.warn({ err: (error as Error).message }, "stream slots: counting in process");
        return fallback.acquire(holder, max, onLost);
      }
      if (unlocking.size > 0) await Promise.all(unlocking);
      const key = holderKey(holder);
      const mine = taken.get(holder) ?? new Set<number>();
      taken.set(holder, mine);
      // Session locks stack within one session: an index this instance already holds or is
      // trying is skipped here, never asked again.
      for (let index = 0; index < max; index++) {
        if (mine.has(index)) continue;
        mine.add(index);
        let ok = false;
        try {
          ok = await tryIndex(c, key, index);
        } catch {
          ok = false;
        }
        if (!ok) {
          mine.delete(index);
          continue;
        }
        const entry: Held = { holder, index, onLost };
        held.add(entry);
        const slot: StreamSlot = {
          release() {
            if (!held.delete(entry)) return;
            const unlock = c
              .query("select pg_advisory_unlock($1, $2)", [key, SLOT_BASE + index])
              .catch(() => undefined)
              .finally(() => {
                unlocking.delete(unlock);
                mine.delete(index);
                if (mine.size === 0 && taken.get(holder) === mine) taken.delete(holder);
              });
            unlocking.add(unlock);
          },
        };
        return slot;
      }
      if (mine.size === 0) taken.delete(holder);
      return null;
    },
    async close() {
      closed = true;
      const current = client;
      client = null;
      loseAll();
      if (current) await (await current.catch(() => null))?.end().catch(() => undefined);
      await fallback.close();
    },
  };
}
