import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { EventDto } from "@/lib/schemas/events";
import { apiRequest, createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { call, createResourceVia, TestClock } from "@/lib/testing/resource-fixtures";
import { FrameReader } from "@/lib/testing/sse-frames";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { STREAM_TIMINGS } from "./event-stream";

describe.each(storeTargets())("GET /v1/events/stream, on %s", (target) => {
  let runtime: TestRuntime;
  let key: string;
  let keyId: string;
  let writer: string;
  let noEvents: string;
  let sandboxWriter: string;
  let otherOrgWriter: string;
  const clock = new TestClock();

  const open = async (query = "", headers: Record<string, string> = {}, as = key) => {
    const res = await apiRequest(runtime, "GET", `/v1/events/stream${query}`, { key: as, headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const reader = new FrameReader(res);
    expect(await reader.next()).toEqual({ retry: "3000" });
    return reader;
  };
  const create = (name: string, as = writer) => createResourceVia(runtime, clock, as, { name });

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    const org = await createTestOrganization(runtime, "pro");
    const reading = await createTestKey(runtime, org, { scopes: ["events:read"] });
    key = reading.secret;
    keyId = reading.id;
    writer = (
      await createTestKey(runtime, org, {
        scopes: ["resources:write", "keys:write", "events:read"],
      })
    ).secret;
    noEvents = (await createTestKey(runtime, org, { scopes: ["resources:write"] })).secret;
    sandboxWriter = (await createTestKey(runtime, org, { environment: "test" })).secret;
    const other = await createTestOrganization(runtime, "pro");
    otherOrgWriter = (await createTestKey(runtime, other)).secret;
  });
  afterAll(() => runtime.close());

  it("streams live events in seq order, never another organization's or environment's", async () => {
    const reader = await open("?type=resource.created");
    await create("other-env", sandboxWriter);
    await create("other-org", otherOrgWriter);
    const mine = await create("mine");
    const [event] = await reader.events(1);
    expect(event).toMatchObject({
      type: "resource.created",
      object: { type: "resource", id: mine.id },
      actor: { type: "api_key" },
    });
    expect(event!.request_id).toMatch(/^req_/);
    await reader.close();
  });

  it("resumes exactly: read 5, disconnect, 3 more happen, Last-Event-ID gives exactly those 3", async () => {
    const first = await open("?type=resource.created");
    for (let i = 0; i < 5; i++) await create(`r-${i}`);
    const five = await first.events(5);
    await first.close();
    const later = [];
    for (let i = 0; i < 3; i++) later.push(await create(`later-${i}`));
    const resumed = await open("?type=resource.created", { "Last-Event-ID": five[4]!.id });
    const three = await resumed.events(3);
    expect(three.map((e) => e.object?.id)).toEqual(later.map((r) => r.id));
    expect(await resumed.next(300)).toBeNull();
    await resumed.close();
    const viaQuery = await open(`?type=resource.created&after=${five[4]!.id}`);
    expect((await viaQuery.events(3)).map((e) => e.id)).toEqual(three.map((e) => e.id));
    await viaQuery.close();
  });

  it("filters by created_gte written with an offset like the list does", async () => {
    const old = await create("before-cutoff");
    const [oldEvent] = (
      await call<{ data: EventDto[] }>(runtime, "GET", `/v1/events?object_id=${old.id}`, key, 200)
    ).data;
    clock.advance(1000);
    const cutoff = new Date(clock.now().getTime() + 3_600_000).toISOString().replace("Z", "+01:00");
    const fresh = await create("after-cutoff");
    const reader = await open(
      `?type=resource.created&after=${oldEvent!.id}&created_gte=${encodeURIComponent(cutoff)}`,
    );
    expect((await reader.events(1)).map((e) => e.object?.id)).toEqual([fresh.id]);
    expect(await reader.next(300)).toBeNull();
    await reader.close();
  });

  it("replays and goes live with no gap and no duplicate while writes continue", async () => {
    const before = await create("anchor");
    const anchor = await call<{ data: EventDto[] }>(
      runtime,
      "GET",
      `/v1/events?object_id=${before.id}`,
      key,
      200,
    );
    const cursor = anchor.data[0]!.id;
    // Four writers at once (concurrent transactions on PostgreSQL), 1,000 events in all.
    const total = 1000;
    const chains = 4;
    let next = 0;
    const writes = Promise.all(
      Array.from({ length: chains }, async () => {
        while (next < total) await create(`race-${next++}`);
      }),
    );
    // Connect while the writes are under way: part replay, part live.
    const reader = await open("?type=resource.created", { "Last-Event-ID": cursor });
    await writes;
    const got = await reader.events(total);
    const seqs = got.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(total);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(got.map((e) => e.data.name))).toEqual(
      new Set(Array.from({ length: total }, (_, i) => `race-${i}`)),
    );
    // Nothing more: no duplicate arrives after the last one.
    const extra = await reader.next(300);
    expect(extra?.data).toBeUndefined();
    await reader.close();
  }, 120_000);

  it("sends a ping comment every 15 s while nothing happens (fake clock)", async () => {
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    const reader = await open("?type=nothing.matches");
    try {
      vi.advanceTimersByTime(14_999);
      expect(await reader.next(100)).toBeNull();
      vi.advanceTimersByTime(1);
      expect(await reader.next()).toEqual({ comment: "ping" });
      vi.advanceTimersByTime(15_000);
      expect(await reader.next()).toEqual({ comment: "ping" });
    } finally {
      await reader.close();
      vi.useRealTimers();
    }
  });

  it("ends with event: reconnect when the stream reaches its longest duration", async () => {
    const saved = STREAM_TIMINGS.maxDurationMs;
    STREAM_TIMINGS.maxDurationMs = 300;
    try {
      const reader = await open("?type=nothing.matches");
      const frame = await reader.next(3000);
      expect(frame?.event).toBe("reconnect");
      expect(await reader.next(1000)).toBeNull();
      expect(reader.ended).toBe(true);
    } finally {
      STREAM_TIMINGS.maxDurationMs = saved;
    }
  });

  it("answers 410 cursor_expired with oldest_available for a cursor not in the log", async () => {
    const res = await apiRequest(runtime, "GET", "/v1/events/stream", {
      key,
      headers: { "Last-Event-ID": "evt_gone0000000000" },
    });
    expect(res.status).toBe(410);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as { code: string; oldest_available: string | null };
    expect(body.code).toBe("cursor_expired");
    expect(body.oldest_available).toMatch(/^evt_/);
  });

  it("needs events:read", async () => {
    const res = await apiRequest(runtime, "GET", "/v1/events/stream", { key: noEvents });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("allows at most 10 open streams per key (429 with Retry-After)", async () => {
    const readers = [];
    for (let i = 0; i < 10; i++) readers.push(await open());
    const res = await apiRequest(runtime, "GET", "/v1/events/stream", { key });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("5");
    for (const reader of readers) await reader.close();
    (await open()).close();
  });

  it("ends within a second of its key being revoked", async () => {
    const reader = await open();
    const started = Date.now();
    await call(runtime, "POST", `/v1/api-keys/${keyId}/revoke`, writer, 200);
    // The revocation's own event may still arrive (on PostgreSQL it often does) before the end.
    let frames = 0;
    while ((await reader.next(1500)) !== null) frames += 1;
    expect(frames).toBeLessThanOrEqual(1);
    expect(reader.ended).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
