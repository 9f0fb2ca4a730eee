import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EventDto } from "@/lib/schemas/events";
import { type EventSourceLike, type LiveStatus, openLiveStream } from "./live-stream";

/** A stand-in for the browser's EventSource that the test drives by hand. */
class FakeSource implements EventSourceLike {
  readyState = 0;
  onopen: EventSourceLike["onopen"] = null;
  onerror: EventSourceLike["onerror"] = null;
  closed = false;
  private listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.call(this, new Event("open"));
  }
  emit(type: string, data: string, lastEventId = "") {
    for (const l of this.listeners.get(type) ?? []) {
      l(new MessageEvent(type, { data, lastEventId }));
    }
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.call(this, new Event("error"));
  }
}

const event = (id: string, type = "resource.created") =>
  ({ id, type, seq: 1, object_id: "res_1" }) as unknown as EventDto;

describe("the live stream", () => {
  let sources: FakeSource[];
  let events: EventDto[];
  let statuses: LiveStatus[];
  const start = (after?: string) =>
    openLiveStream({
      url: (from) => `/stream${from ? `?after=${from}` : ""}`,
      after,
      types: ["resource.created", "resource.active"],
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
      create: (url) => {
        const source = new FakeSource(url);
        sources.push(source);
        return source;
      },
      retryMs: 100,
    });
  const send = (source: FakeSource | undefined, id: string, type = "resource.created") =>
    source?.emit(type, JSON.stringify(event(id, type)), id);

  beforeEach(() => {
    sources = [];
    events = [];
    statuses = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("resumes after the newest event on screen and hears every listed type", () => {
    start("evt_h");
    expect(sources[0]?.url).toBe("/stream?after=evt_h");
    sources[0]?.open();
    send(sources[0], "evt_1");
    send(sources[0], "evt_2", "resource.active");
    expect(events.map((e) => e.id)).toEqual(["evt_1", "evt_2"]);
    expect(statuses).toEqual(["connecting", "live"]);
  });

  it("on `event: reconnect` starts a new stream at once, after the last id seen", () => {
    start();
    sources[0]?.open();
    send(sources[0], "evt_5");
    sources[0]?.emit("reconnect", "{}");
    expect(sources[0]?.closed).toBe(true);
    expect(sources).toHaveLength(2);
    expect(sources[1]?.url).toBe("/stream?after=evt_5");
  });

  it("leaves a dropped connection to the browser's own retry (it sends Last-Event-ID)", () => {
    start();
    sources[0]?.open();
    sources[0]?.fail(0);
    expect(statuses.at(-1)).toBe("reconnecting");
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
    sources[0]?.open();
    expect(statuses.at(-1)).toBe("live");
  });

  it("after a refused connection retries with a growing wait, from the last id", () => {
    start();
    sources[0]?.open();
    send(sources[0], "evt_7");
    sources[0]?.fail(2);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(sources).toHaveLength(2);
    expect(sources[1]?.url).toBe("/stream?after=evt_7");
    sources[1]?.fail(2);
    vi.advanceTimersByTime(100);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(100);
    expect(sources).toHaveLength(3);
  });

  it("stops for good when closed, retry timers included", () => {
    const stream = start();
    sources[0]?.fail(2);
    stream.close();
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
    expect(sources[0]?.closed).toBe(true);
  });

  it("ignores a frame that is not JSON", () => {
    start();
    sources[0]?.emit("resource.created", "not json", "evt_x");
    expect(events).toEqual([]);
  });
});
