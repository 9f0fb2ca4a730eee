import { inTenant } from "@/lib/db/tenant";
import { AppError } from "@/lib/errors";
import { type DomainContext, requireScope } from "@/lib/principal";
import { matchesEvent } from "../event-match";
import { onEventSignal } from "../event-signal";
import { cursorSeq, type EventRow, utc } from "../list-events";
import { eventFrame, everyTogether, readLogAfter } from "./shared-log-reads";
import type { StreamSlots } from "./stream-slots";

export interface EventFilters {
  /** Exact types or families (resource.*). */
  types?: readonly string[] | undefined;
  objectId?: string | undefined;
  createdGte?: string | undefined;
  createdLte?: string | undefined;
}

export interface EventStreamInput {
  /** Last-Event-ID or ?after: replay what came after this event first. */
  cursor?: string | undefined;
  filters: EventFilters;
}

export interface EventStreamTimings {
  heartbeatMs: number;
  maxDurationMs: number;
  /** A look at the log without a signal, in case one was lost. */
  pollMs: number;
}

export const STREAM_TIMINGS: EventStreamTimings = {
  heartbeatMs: 15_000,
  maxDurationMs: 15 * 60_000,
  pollMs: 1_000,
};

export const MAX_STREAMS_PER_KEY = 10;
const BATCH = 500;
/** How long a signalled seq is waited for (its transaction may not have committed yet). */
const SIGNAL_WAIT_MS = 2_000;

export type EventStreamContext = DomainContext & {
  /** Calls back when any key may have been revoked or changed (on every instance). */
  watchKeys: (onChange: () => void) => () => void;
  /** The per-key count of open streams, shared by every instance when they share a store. */
  streamSlots: StreamSlots;
};

let openHere = 0;

/** Open streams of this process (every key). */
export function openStreamCount(): number {
  return openHere;
}

function matches(row: EventRow, filters: EventFilters): boolean {
  if (filters.types && filters.types.length > 0 && !matchesEvent(filters.types, row.type)) {
    return false;
  }
  if (filters.objectId && row.object_id !== filters.objectId) return false;
  if (filters.createdGte && row.created_at < filters.createdGte) return false;
  if (filters.createdLte && row.created_at > filters.createdLte) return false;
  return true;
}

async function latestSeq(ctx: DomainContext): Promise<number> {
  const row = await ctx.db
    .selectFrom("events")
    .select((eb) => eb.fn.max("events.seq").as("seq"))
    .where(inTenant(ctx.principal, "events"))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/** Takes one of the key's stream slots (on every instance), or answers 429 before any byte. */
async function reserveSlot(
  slots: StreamSlots,
  holder: string,
  onLost: () => void,
): Promise<() => void> {
  const slot = await slots.acquire(holder, MAX_STREAMS_PER_KEY, onLost);
  if (!slot) {
    throw new AppError(
      "rate_limited",
      `At most ${MAX_STREAMS_PER_KEY} event streams may be open per key; close one first`,
      { headers: { "Retry-After": "5" } },
    );
  }
  openHere += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    openHere -= 1;
    slot.release();
  };
}

/** True while the stream's key may still read: not revoked, not expired. */
async function keyStillValid(ctx: DomainContext, now: Date): Promise<boolean> {
  const keyId = ctx.principal.keyId;
  if (!keyId) return true;
  const row = await ctx.db
    .selectFrom("api_keys")
    .select(["revoked_at", "expires_at"])
    .where("id", "=", keyId)
    .executeTakeFirst();
  if (!row || row.revoked_at) return false;
  return !row.expires_at || new Date(row.expires_at).getTime() > now.getTime();
}

async function keyExpiry(ctx: DomainContext): Promise<number | null> {
  const keyId = ctx.principal.keyId;
  if (!keyId) return null;
  const row = await ctx.db
    .selectFrom("api_keys")
    .select("expires_at")
    .where("id", "=", keyId)
    .executeTakeFirst();
  return row?.expires_at ? new Date(row.expires_at).getTime() : null;
}

const encoder = new TextEncoder();
/** Every stream's heartbeat is the same bytes: encoded once. */
const PING = encoder.encode(": ping\n\n");

/**
 * Opens an event stream: every error (scope, too many streams, an expired cursor) is thrown
 * before the first byte. The stream subscribes to signals first, then reads the log after the
 * cursor by seq; every later signal (or poll) reads the log again after the last seq it scanned,
 * so events committed during the switch from replay to live are neither lost nor repeated.
 */
export async function openEventStream(
  ctx: EventStreamContext,
  input: EventStreamInput,
  timings: EventStreamTimings = STREAM_TIMINGS,
): Promise<ReadableStream<Uint8Array>> {
  requireScope(ctx.principal, "events:read");
  // Bounds with an offset (+01:00) compare with stored UTC times only once normalised.
  const filters: EventFilters = {
    ...input.filters,
    createdGte: utc(input.filters.createdGte),
    createdLte: utc(input.filters.createdLte),
  };
  const { principal } = ctx;
  // The slot may be lost later (its entry expired, shutdown): the stream then ends, and the
  // client resumes from its last id and is counted again.
  let slotLostEarly = false;
  let onSlotLost: () => void = () => {
    slotLostEarly = true;
  };
  const release = await reserveSlot(
    ctx.streamSlots,
    principal.keyId ?? principal.userId ?? principal.organizationId,
    () => onSlotLost(),
  );
  let wanted = 0;
  let wake: () => void = () => undefined;
  const unsubscribe = onEventSignal(principal.projectId, principal.environment, (seq) => {
    if (seq > wanted) wanted = seq;
    wake();
  });
  let scanned: number;
  let expiresAt: number | null;
  try {
    scanned = input.cursor ? await cursorSeq(ctx, input.cursor) : await latestSeq(ctx);
    expiresAt = await keyExpiry(ctx);
  } catch (error) {
    unsubscribe();
    release();
    throw error;
  }

  const timers: ReturnType<typeof setTimeout>[] = [];
  const intervals: ReturnType<typeof setInterval>[] = [];
  let unsubscribeKeys: () => void = () => undefined;
  let stopPolling: () => void = () => undefined;
  let closed = false;
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | null = null;

  const cleanup = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    unsubscribeKeys();
    stopPolling();
    for (const t of timers) clearTimeout(t);
    for (const i of intervals) clearInterval(i);
    release();
  };
  const sendBytes = (bytes: Uint8Array) => {
    if (closed || !controllerRef) return;
    try {
      controllerRef.enqueue(bytes);
    } catch {
      cleanup();
    }
  };
  const send = (text: string) => sendBytes(encoder.encode(text));
  const end = (finalText?: string) => {
    if (closed) return;
    if (finalText) send(finalText);
    const controller = controllerRef;
    cleanup();
    try {
      controller?.close();
    } catch {
      // Already closed by the client.
    }
  };

  let running = false;
  let again = false;
  let waitUntil = 0;
  const pump = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        for (;;) {
          const rows = await readLogAfter(ctx.db, principal, scanned, BATCH);
          if (closed) return;
          for (const row of rows) {
            scanned = Number(row.seq);
            if (matches(row, filters)) sendBytes(eventFrame(row));
          }
          if (rows.length < BATCH) break;
        }
      } while (again && !closed);
    } catch {
      // A failed read is retried by the next signal or poll.
    } finally {
      running = false;
    }
    // Signalled but not yet visible: the writer has not committed yet; look again shortly.
    if (!closed && scanned < wanted) {
      if (waitUntil === 0) waitUntil = Date.now() + SIGNAL_WAIT_MS;
      if (Date.now() < waitUntil) {
        const t = setTimeout(() => void pump(), 5);
        timers.push(t);
        if (timers.length > 64) timers.splice(0, timers.length - 64);
        return;
      }
    }
    waitUntil = 0;
  };
  wake = () => void pump();
  onSlotLost = () => end();
  if (slotLostEarly) end();

  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (closed) {
        // The slot was lost before the first byte.
        controller.close();
        return;
      }
      controllerRef = controller;
      send("retry: 3000\n\n");
      intervals.push(setInterval(() => sendBytes(PING), timings.heartbeatMs));
      stopPolling = everyTogether(timings.pollMs, () => void pump());
      timers.push(setTimeout(() => end("event: reconnect\ndata: {}\n\n"), timings.maxDurationMs));
      if (expiresAt !== null) {
        const ms = Math.max(0, expiresAt - Date.now());
        if (ms < timings.maxDurationMs) timers.push(setTimeout(() => end(), ms));
      }
      unsubscribeKeys = ctx.watchKeys(() => {
        void keyStillValid(ctx, new Date()).then((valid) => {
          if (!valid) end();
        });
      });
      void pump();
    },
    cancel() {
      cleanup();
    },
  });
}
