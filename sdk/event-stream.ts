import { createParser } from "eventsource-parser";
import { CloudApiError } from "./errors";
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
   * Wait between reconnects. Default: what the server's `retry:` field says (3 s when it says
   * nothing).
   */
  reconnectDelayMs?: number;
  /** Failed connects in a row before the iterator throws (default 5). Never stops silently. */
  maxReconnectAttempts?: number;
  /** No byte (event or ping) for this long counts as a drop (default 45 s; pings come every 15 s). */
  idleTimeoutMs?: number;
  /** Told about every reconnect, e.g. to print "reconnecting". */
  onReconnect?: (info: ReconnectInfo) => void;
}

export interface ReconnectInfo {
  /** Failed connects in a row so far (0 after a stream that was open and dropped). */
  failures: number;
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
  const outer = options.signal;

  const pause = async (reason: string, hintedMs: number | null) => {
    const delayMs = hintedMs ?? options.reconnectDelayMs ?? serverRetryMs;
    options.onReconnect?.({ failures, delayMs, lastEventId, reason });
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
        if (failures > maxFailures) throw CloudApiError.connection(url, error);
        await pause(error instanceof Error ? error.message : String(error), null);
        continue;
      }
      if (!response.ok || !response.body) {
        const error = await CloudApiError.read(response);
        if (!isTransientStatus(response.status)) throw error;
        failures++;
        if (failures > maxFailures) throw error;
        await pause(`${response.status} ${error.code}`, retryAfterMs(response.headers));
        continue;
      }
      failures = 0;

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
