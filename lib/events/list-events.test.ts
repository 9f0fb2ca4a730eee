import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventListDto } from "@/lib/schemas/events";
import type { ResourceDto } from "@/lib/schemas/resources";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import {
  call,
  createResourceVia,
  type ProblemJson,
  settleJobs,
  TestClock,
} from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

describe.each(storeTargets())("GET /v1/events, on %s", (target) => {
  let runtime: TestRuntime;
  let key: string;
  let sandbox: string;
  const clock = new TestClock();
  const created: ResourceDto[] = [];

  const events = (query: string, as = key) =>
    call<EventListDto>(runtime, "GET", `/v1/events${query}`, as, 200);

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    const org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org, { scopes: ["resources:write", "events:read"] }))
      .secret;
    sandbox = (await createTestKey(runtime, org, { environment: "test" })).secret;
    for (let i = 0; i < 6; i++) {
      created.push(await createResourceVia(runtime, clock, key, { name: `evt-${i}` }));
    }
    await settleJobs(runtime, clock);
    clock.advance(1000);
    await call(runtime, "PATCH", `/v1/resources/${created[0]!.id}`, key, 200, { name: "renamed" });
  });
  afterAll(() => runtime.close());

  it("lists the project's events newest first in the event envelope", async () => {
    const body = await events("?type=resource.*&per_page=100");
    expect(body.meta.total).toBe(13);
    const first = body.data[0]!;
    expect(Object.keys(first)).toEqual([
      "id",
      "seq",
      "type",
      "created_at",
      "object",
      "object_id",
      "data",
      "request_id",
      "actor",
    ]);
    expect(first.object).toEqual({ type: "resource", id: created[0]!.id });
    expect(first.request_id).toMatch(/^req_/);
    expect(first.actor).toMatchObject({ type: "api_key" });
    // seq is commit order with no gap (created_at is the clock the change ran at); the first
    // event of the project (seq 1) is the key's creation, outside resource.*.
    const seqs = body.data.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 13 }, (_, i) => i + 2));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(first).toMatchObject({
      type: "resource.updated",
      object_id: created[0]!.id,
      data: { id: created[0]!.id, name: "renamed", status: "active" },
    });
    expect(first.id).toMatch(/^evt_/);
    const times = body.data.map((e) => e.created_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("filters by exact type and by object_id (a resource's timeline)", async () => {
    const active = await events("?type=resource.active&per_page=100");
    expect(active.meta.total).toBe(6);
    expect(active.data.every((e) => e.type === "resource.active")).toBe(true);
    const timeline = await events(`?object_id=${created[0]!.id}`);
    expect(timeline.data.map((e) => e.type)).toEqual([
      "resource.updated",
      "resource.active",
      "resource.created",
    ]);
    expect((await events("?type=resource.nope")).data).toEqual([]);
    // "resource_*" is not a wildcard for "resource.": underscores match literally.
    expect((await events("?type=resource_x.*")).data).toEqual([]);
  });

  it("walks every page by cursor without duplicates, and pages by number", async () => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: EventListDto = await events(cursor ? `?limit=4&cursor=${cursor}` : "?limit=4");
      ids.push(...page.data.map((e) => e.id));
      cursor = page.meta.next_cursor;
    } while (cursor);
    const all = await events("?per_page=100");
    expect(ids).toEqual(all.data.map((e) => e.id));
    const page2 = await events("?page=2&per_page=5");
    expect(page2.meta).toMatchObject({ page: 2, per_page: 5, total: all.meta.total });
    expect(page2.data.map((e) => e.id)).toEqual(ids.slice(5, 10));
  });

  it("answers 400 naming a malformed filter", async () => {
    const bad = async (query: string) =>
      (await call<ProblemJson>(runtime, "GET", `/v1/events${query}`, key, 400)).errors?.[0]?.field;
    expect(await bad("?type=Resource Created")).toBe("type");
    expect(await bad("?type=resource.%25")).toBe("type");
    expect(await bad("?object_id=not-an-id")).toBe("object_id");
    expect(await bad("?limit=1000")).toBe("limit");
  });

  it("keeps sandbox and live events apart", async () => {
    const testVm = await createResourceVia(runtime, clock, sandbox, { name: "sandbox-only" });
    const sandboxEvents = await events("?per_page=100", sandbox);
    expect(sandboxEvents.data.map((e) => e.object_id)).toContain(testVm.id);
    expect(sandboxEvents.data.some((e) => created.some((r) => r.id === e.object_id))).toBe(false);
    expect((await events(`?object_id=${testVm.id}`)).data).toEqual([]);
  });
});
