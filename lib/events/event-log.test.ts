import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventDto, EventListDto, EventTypeListDto } from "@/lib/schemas/events";
import type { ResourceDto } from "@/lib/schemas/resources";
import { WEBHOOK_EVENT_CHOICES } from "@/lib/schemas/webhooks";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import {
  call,
  createResourceVia,
  type ProblemJson,
  settleJobs,
  TestClock,
} from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(storeTargets())("event log filters, get, types and retention, on %s", (target) => {
  let runtime: TestRuntime;
  let key: string;
  let otherOrgKey: string;
  let sandbox: string;
  let noEvents: string;
  const clock = new TestClock();
  let vm: ResourceDto;

  const events = (query: string, as = key) =>
    call<EventListDto>(runtime, "GET", `/v1/events${query}`, as, 200);
  /** Every event of the project, oldest first by seq. */
  const log = async () => (await events("?per_page=100")).data.sort((a, b) => a.seq - b.seq);

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    const org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
    sandbox = (await createTestKey(runtime, org, { environment: "test" })).secret;
    noEvents = (await createTestKey(runtime, org, { scopes: ["resources:read"] })).secret;
    otherOrgKey = (await createTestKey(runtime, await createTestOrganization(runtime, "pro")))
      .secret;
    // A create/update/delete sequence over every kind of object that emits events.
    vm = await createResourceVia(runtime, clock, key, { name: "vm-1" });
    const volume = await createResourceVia(runtime, clock, key, {
      name: "vol-1",
      type: "volume",
      spec: { size_gb: 10 },
    });
    const lb = await createResourceVia(runtime, clock, key, {
      name: "lb-1",
      type: "load_balancer",
    });
    await settleJobs(runtime, clock);
    const act = (path: string, body: Record<string, unknown>) => {
      clock.advance(1000);
      return call(runtime, "POST", path, key, 200, body);
    };
    clock.advance(1000);
    await call(runtime, "PATCH", `/v1/resources/${vm.id}`, key, 200, { name: "vm-renamed" });
    await act(`/v1/instances/${vm.id}/actions`, { type: "stop" });
    await act(`/v1/instances/${vm.id}/actions`, { type: "resize", size: "s-2vcpu-4gb" });
    await act(`/v1/instances/${vm.id}/actions`, { type: "start" });
    await act(`/v1/instances/${vm.id}/actions`, { type: "reboot" });
    await act(`/v1/volumes/${volume.id}/actions`, { type: "attach", instance_id: vm.id });
    await act(`/v1/volumes/${volume.id}/actions`, { type: "detach" });
    await act(`/v1/load-balancers/${lb.id}/actions`, { type: "add_target", instance_id: vm.id });
    await act(`/v1/load-balancers/${lb.id}/actions`, {
      type: "remove_target",
      instance_id: vm.id,
    });
    const endpoint = await call<{ id: string }>(
      runtime,
      "POST",
      "/v1/webhook-endpoints",
      key,
      201,
      {
        url: "http://127.0.0.1:9/hook",
        enabled_events: ["billing.*"],
      },
    );
    await call(runtime, "PATCH", `/v1/webhook-endpoints/${endpoint.id}`, key, 200, {
      description: "renamed",
    });
    await call(runtime, "DELETE", `/v1/webhook-endpoints/${endpoint.id}`, key, 204);
    const made = await call<{ id: string }>(runtime, "POST", "/v1/api-keys", key, 201, {
      name: "temp",
    });
    await call(runtime, "POST", `/v1/api-keys/${made.id}/revoke`, key, 200);
    clock.advance(1000);
    await call(runtime, "DELETE", `/v1/resources/${lb.id}`, key, 204);
  });
  afterAll(() => runtime.close());

  it("filters by a comma list of types and families", async () => {
    const all = await log();
    const body = await events("?type=resource.created,instance.*&per_page=100");
    const expected = all.filter(
      (e) => e.type === "resource.created" || e.type.startsWith("instance."),
    );
    expect(body.meta.total).toBe(expected.length);
    expect(new Set(body.data.map((e) => e.type))).toEqual(
      new Set([
        "resource.created",
        "instance.stopped",
        "instance.resized",
        "instance.started",
        "instance.rebooted",
      ]),
    );
    const timeline = await events(`?object_id=${vm.id}&type=instance.*`);
    expect(timeline.data.map((e) => e.type)).toEqual([
      "instance.rebooted",
      "instance.started",
      "instance.resized",
      "instance.stopped",
    ]);
  });

  it("filters by created_gte and created_lte, inclusive, with any offset", async () => {
    const all = await log();
    const from = all[3]!.created_at;
    const to = all[all.length - 3]!.created_at;
    const inRange = all.filter((e) => e.created_at >= from && e.created_at <= to);
    const body = await events(`?per_page=100&created_gte=${from}&created_lte=${to}`);
    expect(body.data.map((e) => e.id).sort()).toEqual(inRange.map((e) => e.id).sort());
    expect(inRange.length).toBeLessThan(all.length);
    // The same instant written with an offset selects the same events.
    const shifted = new Date(Date.parse(from) + 3_600_000).toISOString().replace("Z", "+01:00");
    const gte = await events(`?per_page=100&created_gte=${encodeURIComponent(shifted)}`);
    expect(gte.meta.total).toBe(all.filter((e) => e.created_at >= from).length);
    const bad = await call<ProblemJson>(
      runtime,
      "GET",
      "/v1/events?created_gte=yesterday",
      key,
      400,
    );
    expect(bad.errors?.[0]?.field).toBe("created_gte");
  });

  it("answers strictly newer events oldest first by seq after an event id, page by page", async () => {
    const all = await log();
    const start = all[2]!;
    const seen: EventDto[] = [];
    let after = start.id;
    for (let round = 0; round < 50; round++) {
      const page = await events(`?after=${after}&per_page=5`);
      expect(page.meta.next_cursor).toBeNull();
      seen.push(...page.data);
      if (!page.meta.has_more) break;
      after = page.data[page.data.length - 1]!.id;
    }
    expect(seen.map((e) => e.seq)).toEqual(all.slice(3).map((e) => e.seq));
    const filtered = await events(`?after=${start.id}&type=resource.*&per_page=100`);
    expect(filtered.data.map((e) => e.id)).toEqual(
      all
        .slice(3)
        .filter((e) => e.type.startsWith("resource."))
        .map((e) => e.id),
    );
    const latest = all[all.length - 1]!;
    expect((await events(`?after=${latest.id}`)).data).toEqual([]);
    const conflict = await call<ProblemJson>(
      runtime,
      "GET",
      `/v1/events?after=${start.id}&cursor=${(await events("?limit=1")).meta.next_cursor}`,
      key,
      400,
    );
    expect(conflict.errors?.[0]?.field).toBe("after");
  });

  it("answers 410 cursor_expired for an unknown or another tenant's after", async () => {
    const oldest = (await log())[0]!;
    const gone = await call<ProblemJson & { oldest_available: string }>(
      runtime,
      "GET",
      "/v1/events?after=evt_doesnotexist",
      key,
      410,
    );
    expect(gone).toMatchObject({ code: "cursor_expired", oldest_available: oldest.id });
    await call(runtime, "GET", `/v1/events?after=${oldest.id}`, otherOrgKey, 410);
  });

  it("gets one event by id, only in its own project and environment, with events:read", async () => {
    const listed = (await events("?limit=1")).data[0]!;
    const got = await call<EventDto>(runtime, "GET", `/v1/events/${listed.id}`, key, 200);
    expect(got).toEqual(listed);
    const other = await call<ProblemJson>(
      runtime,
      "GET",
      `/v1/events/${listed.id}`,
      otherOrgKey,
      404,
    );
    expect(other.code).toBe("not_found");
    await call(runtime, "GET", `/v1/events/${listed.id}`, sandbox, 404);
    await call(runtime, "GET", `/v1/events/${listed.id}`, noEvents, 403);
    await call(runtime, "GET", "/v1/events/evt_doesnotexist", key, 404);
    const bad = await call<ProblemJson>(runtime, "GET", "/v1/events/not-an-id", key, 400);
    expect(bad.errors?.[0]?.field).toBe("id");
  });

  it("lists every event type the sequence emitted, with a description and an example", async () => {
    const body = await call<EventTypeListDto>(runtime, "GET", "/v1/event-types", noEvents, 200);
    const listed = body.data.map((t) => t.type);
    expect(listed).toEqual([...listed].sort());
    const emitted = new Set((await log()).map((e) => e.type));
    expect(emitted.size).toBeGreaterThanOrEqual(17);
    for (const type of emitted) expect(listed).toContain(type);
    // The webhook form offers families: every type must fall in one of them.
    const families = new Set<string>(WEBHOOK_EVENT_CHOICES.map((c) => c.value));
    for (const type of listed) expect(families).toContain(`${type.split(".")[0]}.*`);
    for (const info of body.data) {
      expect(info.description.length).toBeGreaterThan(10);
      expect(Object.keys(info.example).length).toBeGreaterThan(0);
    }
  });

  it("prunes events past EVENT_RETENTION_DAYS with the hourly job; a pruned cursor expires", async () => {
    const before = await log();
    clock.advance(runtime.config.eventRetentionDays * DAY_MS + DAY_MS);
    const fresh = await createResourceVia(runtime, clock, key, { name: "after-retention" });
    await settleJobs(runtime, clock);
    const after = await log();
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((e) => e.object_id === fresh.id)).toBe(true);
    // seq goes on from where it was: pruning never makes a seq repeat.
    expect(after[0]!.seq).toBe(before[before.length - 1]!.seq + 1);
    const gone = await call<ProblemJson & { oldest_available: string }>(
      runtime,
      "GET",
      `/v1/events?after=${before[0]!.id}`,
      key,
      410,
    );
    expect(gone.oldest_available).toBe(after[0]!.id);
    await call(runtime, "GET", `/v1/events/${before[0]!.id}`, key, 404);
  });
});
