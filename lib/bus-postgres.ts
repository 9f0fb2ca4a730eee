import { EventEmitter } from "node:events";
import pg from "pg";
import type { Bus, BusHandler } from "./bus";
import type { Logger } from "./logger";

/** One LISTEN channel for every bus channel: the payload is `<channel>\n<message>`. */
const PG_CHANNEL = "cap_bus";
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more. */
const MAX_PAYLOAD = 7_900;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

export interface PostgresBusOptions {
  /** The store's connection string: one dedicated LISTEN connection, one for NOTIFY. */
  url: string;
  logger: Logger;
  /** The LISTEN connection's application_name (pg_stat_activity shows it). */
  name?: string;
}

/**
 * Fan-out between instances over PostgreSQL LISTEN/NOTIFY, for a deployment with PostgreSQL and
 * no Redis. A message is delivered at most once and only to listeners connected at the time;
 * what needs more (event streams) re-reads the store after a reconnect, since the listener's
 * connection may drop and a NOTIFY sent meanwhile is gone.
 */
export function createPostgresBus(options: PostgresBusOptions): Bus {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const pool = new pg.Pool({ connectionString: options.url, max: 1 });
  pool.on("error", () => {});
  /** The LISTEN connection, connecting or connected; a dropped one is never reused. */
  let client: pg.Client | null = null;
  let closed = false;
  let delay = RECONNECT_MIN_MS;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({
      connectionString: options.url,
      application_name: options.name ?? "cloud-api-bus",
    });
    client = next;
    next.on("notification", (note) => {
      if (note.channel !== PG_CHANNEL || !note.payload) return;
      const split = note.payload.indexOf("\n");
      if (split > 0) local.emit(note.payload.slice(0, split), note.payload.slice(split + 1));
    });
    next.on("error", (error: Error) => {
      options.logger.warn({ err: error.message }, "postgres bus connection error");
      dropAndRetry(next);
    });
    next.on("end", () => dropAndRetry(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${PG_CHANNEL}`);
      if (closed) {
        await next.end();
        return;
      }
      delay = RECONNECT_MIN_MS;
    } catch (error) {
      options.logger.warn({ err: (error as Error).message }, "postgres bus cannot listen yet");
      dropAndRetry(next);
    }
  };

  const dropAndRetry = (which: pg.Client): void => {
    // A connection's error and end both arrive here; only the current one starts a new attempt.
    if (client !== which) return;
    client = null;
    which.removeAllListeners("notification");
    void which.end().catch(() => undefined);
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, delay);
    retry.unref();
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };

  void connect();

  return {
    async publish(channel, message) {
      const payload = `${channel}\n${message}`;
      if (Buffer.byteLength(payload) > MAX_PAYLOAD)
        throw new Error(`bus message on ${channel} is too long for NOTIFY`);
      await pool.query("select pg_notify($1, $2)", [PG_CHANNEL, payload]);
    },
    subscribe(channel: string, handler: BusHandler) {
      local.on(channel, handler);
      return () => local.off(channel, handler);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      local.removeAllListeners();
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
