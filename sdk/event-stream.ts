import { createParser } from "eventsource-parser";
import { CloudApiError, causeMessage } from "./errors";
import { retryAfterMs, sleep } from "./transport";
import type { ApiEvent } from "./types";

export interface EventStreamOptions {
  /** Event types or families (resource.*); default every type. */
  types?: string[];
  /** Only events about this object. */
  objectId?: string;
  /** Start after this event id (sent as Last-Event-ID); default: from now on. */
  after?: string;
  signal?: AbortSignal;
  /**
   * The first wait before a reconnect. Default: what the server's `retry:` field says (3 s when
   * it says nothing). Each further failed connect in a row doubles it, up to maxReconnectDelayMs.
   */
  reconnectDelayMs?: number;
  /** The longest wait between reconnects (default 30 s). */
  maxReconnectDelayMs?: number;
  /**
   * Failed reconnects in a row after which the iterator throws (default 5): after a drop, the
   * fifth failed reconnect; when the first connect fails, that one and five more. Never stops
   * silently.
   */
  maxReconnectAttempts?: number;
  /** No byte (event or ping) for this long counts as a drop (default 45 s; pings come every 15 s). */
  idleTimeoutMs?: number;
  /**
   * Told each time the stream is open (the first time and after every reconnect): from then on
   * every new event reaches the iterator.
   */
  onOpen?: (info: { lastEventId: string | undefined; reconnected: boolean }) => void;
  /** Told about every reconnect, e.g. to print "reconnecting". */
  onReconnect?: (info: ReconnectInfo) => void;
}

export interface ReconnectInfo {
  /** Failed connects in a row so far (0 after a stream that was open and dropped). */
  failures: number;
  /** Of those, the ones that were reconnects (every one after a drop; all but the first else). */
  failedReconnects: number;
  delayMs: number;
  lastEventId: string | undefined;
  reason: string;
}

interface StreamContext {
  baseUrl: string;
  apiKey: string | undefined;
  fetch: typeof globalThis.fetch;
  userAgent: string;
  options: EventStreamOptions;
}

const DEFAULT_RETRY_MS = 3000;

function streamUrl(baseUrl: string, options: EventStreamOptions): string {
  const url = new URL(`${baseUrl}/v1/events/stream`);
  if (options.types?.length) url.searchParams.set("type", options.types.join(","));
  if (options.objectId) url.searchParams.set("object_id", options.objectId);
  return url.toString();
}

/** A connect that failed for a reason that may pass: no answer, 429, 5xx. */
function isTransientStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * GET /v1/events/stream as an async iterable of events. After a drop (network error, end of the
 * body, `event: reconnect`, or silence longer than idleTimeoutMs) it reconnects with
 * Last-Event-ID set to the last event it yielded, so nothing is missed or repeated. Errors the
 * server gives before the stream (401, 403, 410 cursor_expired) are thrown as CloudApiError.
 */
export async function* streamEvents(
  context: StreamContext,
): AsyncGenerator<ApiEvent, void, undefined> {
  const { options } = context;
  const url = streamUrl(context.baseUrl, options);
  const maxFailures = options.maxReconnectAttempts ?? 5;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  let lastEventId = options.after;
  let serverRetryMs = DEFAULT_RETRY_MS;
  let failures = 0;
  let opened = false;
  // The first connect of all is not a reconnect; every connect after a drop is one.
  const reconnectFailures = () => (opened ? failures : Math.max(0, failures - 1));
  const outer = options.signal;

  const pause = async (reason: string, hintedMs: number | null) => {
    const base = options.reconnectDelayMs ?? serverRetryMs;
    // Backoff: a server that is down is not asked again every few seconds for minutes.
    const backoff = Math.min(
      base * 2 ** Math.max(0, failures - 1),
      Math.max(base, options.maxReconnectDelayMs ?? 30_000),
    );
    const delayMs = hintedMs ?? backoff;
    options.onReconnect?.({
      failures,
      failedReconnects: reconnectFailures(),
      delayMs,
      lastEventId,
      reason,
    });
    // An abort ends the wait early; the loop then sees it and returns.
    await sleep(delayMs, outer).catch(() => {});
  };

  while (!outer?.aborted) {
    const connection = new AbortController();
    const abortConnection = () => connection.abort(outer?.reason);
    outer?.addEventListener("abort", abortConnection, { once: true });
    const headers: Record<string, string> = {
      Accept: "text/event-stream",
      "User-Agent": context.userAgent,
    };
    if (context.apiKey) headers.Authorization = `Bearer ${context.apiKey}`;
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    let reason = "the stream ended";
    try {
      let response: Response;
      try {
        response = await context.fetch(url, { headers, signal: connection.signal });
      } catch (error) {
        if (outer?.aborted) return;
        failures++;
        if (reconnectFailures() >= maxFailures) throw CloudApiError.connection(url, error);
        // undici says "fetch failed"; the reason (ECONNREFUSED ...) is its cause.
        const reason =
          error instanceof Error ? (causeMessage(error) ?? error.message) : String(error);
        await pause(reason, null);
        continue;
      }
      if (!response.ok || !response.body) {
        const error = await CloudApiError.read(response);
        if (!isTransientStatus(response.status)) throw error;
        failures++;
        if (reconnectFailures() >= maxFailures) throw error;
        await pause(`${response.status} ${error.code}`, retryAfterMs(response.headers));
        continue;
      }
      failures = 0;
      options.onOpen?.({ lastEventId, reconnected: opened });
      opened = true;

      const ready: ApiEvent[] = [];
      let reconnectAsked = false;
      const parser = createParser({
        onRetry: (ms) => {
          serverRetryMs = ms;
        },
        onEvent: (message) => {
          if (message.event === "reconnect") {
            reconnectAsked = true;
            return;
          }
          if (message.id && message.id === lastEventId) return;
          try {
            ready.push(JSON.parse(message.data) as ApiEvent);
          } catch {
            // Not an event object (nothing the API sends); skip it rather than stop the stream.
          }
        },
      });
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let idle: ReturnType<typeof setTimeout> | undefined;
      const armIdle = () => {
        clearTimeout(idle);
        idle = setTimeout(() => {
          reason = `no data for ${idleTimeoutMs} ms`;
          connection.abort(new Error(reason));
        }, idleTimeoutMs);
      };
      armIdle();
      try {
        while (!reconnectAsked) {
          const chunk = await reader.read();
          if (chunk.done) break;
          armIdle();
          parser.feed(decoder.decode(chunk.value, { stream: true }));
          while (ready.length > 0) {
            // Events already read from the same chunk are not handed out after an abort.
            if (outer?.aborted) return;
            const event = ready.shift()!;
            lastEventId = event.id;
            yield event;
          }
        }
        if (reconnectAsked) reason = "the server asked to reconnect";
      } catch (error) {
        if (outer?.aborted) return;
        if (!connection.signal.aborted) {
          reason = error instanceof Error ? error.message : String(error);
        }
      } finally {
        clearTimeout(idle);
        reader.cancel().catch(() => {});
      }
    } finally {
      outer?.removeEventListener("abort", abortConnection);
      connection.abort();
    }
    if (outer?.aborted) return;
    await pause(reason, null);
  }
}
