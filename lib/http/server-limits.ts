import { readFileSync } from "node:fs";
import type { IncomingMessage, Server, ServerOptions } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "@/lib/logger";

export interface ServerLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** undefined: derived from the open-file limit (maxConnectionsFor). */
  maxConnections: number | undefined;
}

/** File descriptors kept back for the store, Redis, Next's files and Node itself. */
const RESERVED_DESCRIPTORS = 128;
const DEFAULT_MAX_CONNECTIONS = 10_000;
const MIN_MAX_CONNECTIONS = 16;

/** The soft open-file limit of this process (Linux's /proc), or null where it cannot be read. */
export function openFileLimit(limitsText?: string): number | null {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync("/proc/self/limits", "utf8");
    } catch {
      return null;
    }
  }
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(text)?.[1];
  if (soft === undefined) return null;
  return soft === "unlimited" ? Number.POSITIVE_INFINITY : Number(soft);
}

/**
 * The cap on open connections: the configured one, else one that leaves the process enough file
 * descriptors to keep serving (a connection over the cap is closed at once instead of taking the
 * last descriptor the store or a log file needed).
 */
export function maxConnectionsFor(configured: number | undefined, fdLimit: number | null): number {
  if (configured !== undefined) return configured;
  if (fdLimit === null) return DEFAULT_MAX_CONNECTIONS;
  return Math.max(
    MIN_MAX_CONNECTIONS,
    Math.min(DEFAULT_MAX_CONNECTIONS, fdLimit - RESERVED_DESCRIPTORS),
  );
}

/**
 * Options for http.createServer. Node enforces the headers and request timeouts only when it
 * checks its connections, every 30 s by default: checked more often here so a slow client is cut
 * off close to the configured time. requestTimeout covers receiving the request only, so a long
 * answer (an event stream) is not cut off by it.
 */
export function serverOptionsOf(limits: ServerLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(5_000, Math.max(250, limits.headersTimeoutMs / 4)),
  };
}

export type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

const DROP_WARNING_EVERY_MS = 10_000;

/**
 * What createServer's options cannot set: the connection cap (with a warning, at most every ten
 * seconds, while connections are refused at it) and the one listener for upgrade requests. With
 * an upgrade listener, Node hands every request that asks to upgrade to it instead of to the
 * request handler, so `onUpgrade` must answer each of them. Returns the cap applied.
 */
export function hardenServer(
  server: Server,
  options: { limits: ServerLimits; logger: Pick<Logger, "warn">; onUpgrade: UpgradeListener },
): number {
  const cap = maxConnectionsFor(options.limits.maxConnections, openFileLimit());
  server.maxConnections = cap;
  let dropped = 0;
  let warnedAt = 0;
  server.on("drop", () => {
    dropped++;
    const now = Date.now();
    if (now - warnedAt < DROP_WARNING_EVERY_MS) return;
    options.logger.warn(
      { dropped, max_connections: cap },
      "connections refused: the server is at its connection cap (SERVER_MAX_CONNECTIONS)",
    );
    warnedAt = now;
    dropped = 0;
  });
  server.on("upgrade", options.onUpgrade);
  return cap;
}
