import type { EventDto } from "@/lib/schemas/events";

// The browser's side of the event stream: an EventSource through the portal proxy, kept open
// across the server's 15-minute `event: reconnect` and network drops, resuming from the last id.

export type LiveStatus = "connecting" | "live" | "reconnecting";

/** What is used of the browser's EventSource (tests pass a stand-in). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((this: EventSourceLike, ev: Event) => unknown) | null;
  onerror: ((this: EventSourceLike, ev: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface LiveStreamOptions {
  /** The stream URL, resuming after the given event id (undefined: from now). */
  url: (after: string | undefined) => string;
  /** The newest event already shown, so the stream replays what came after it. */
  after?: string | undefined;
  /**
   * Every event type the API emits. An EventSource delivers a frame that names its `event:`
   * only to listeners of that name, so each type needs its own listener.
   */
  types: readonly string[];
  onEvent: (event: EventDto) => void;
  onStatus: (status: LiveStatus) => void;
  create?: (url: string) => EventSourceLike;
  /** First wait after a refused connection (doubles up to 30 s). */
  retryMs?: number;
}

const CLOSED = 2;
const MAX_RETRY_MS = 30_000;

/**
 * Opens the stream and keeps it open until `close()`. While the connection merely drops, the
 * browser reconnects by itself (sending Last-Event-ID, which the proxy forwards). When the
 * server ends the stream with `event: reconnect`, or the connection is refused outright (a 429
 * for too many streams, a 503), a new EventSource starts at once or after a backoff, with
 * `?after=` the last id seen, so no event is lost or shown twice.
 */
export function openLiveStream(options: LiveStreamOptions): { close(): void } {
  const create = options.create ?? ((url: string) => new EventSource(url) as EventSourceLike);
  let lastId = options.after;
  let source: EventSourceLike | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let closed = false;

  const onFrame = (frame: MessageEvent<string>) => {
    let event: EventDto;
    try {
      event = JSON.parse(frame.data) as EventDto;
    } catch {
      return;
    }
    lastId = frame.lastEventId || event.id || lastId;
    options.onEvent(event);
  };

  const connect = () => {
    if (closed) return;
    options.onStatus(failures > 0 ? "reconnecting" : "connecting");
    const current = create(options.url(lastId));
    source = current;
    current.onopen = () => {
      failures = 0;
      options.onStatus("live");
    };
    current.onerror = () => {
      if (closed || source !== current) return;
      if (current.readyState !== CLOSED) {
        // The browser retries by itself after the server's `retry:` delay.
        options.onStatus("reconnecting");
        return;
      }
      current.close();
      failures += 1;
      options.onStatus("reconnecting");
      const wait = Math.min(MAX_RETRY_MS, (options.retryMs ?? 2_000) * 2 ** (failures - 1));
      retryTimer = setTimeout(connect, wait);
    };
    for (const type of options.types) current.addEventListener(type, onFrame);
    current.addEventListener("reconnect", () => {
      if (closed || source !== current) return;
      current.close();
      connect();
    });
  };

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
      source = null;
    },
  };
}
