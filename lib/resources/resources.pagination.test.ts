import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResourceDto, ResourceListDto } from "@/lib/schemas/resources";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { call, createResourceVia, settleJobs, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const newestFirst = (a: ResourceDto, b: ResourceDto) =>
  a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1;

describe.each(storeTargets())("resource lists, on %s", (target) => {
  let runtime: TestRuntime;
  let key: string;
  const clock = new TestClock();

  const list = (query: string) =>
    call<ResourceListDto>(runtime, "GET", `/v1/resources${query}`, key, 200);

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    const org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
  });
  afterAll(() => runtime.close());

  it("walks every page by cursor with inserts in between: no duplicates, no gaps", async () => {
    const existing: string[] = [];
    for (let i = 0; i < 23; i++) {
      existing.push((await createResourceVia(runtime, clock, key, { name: `walk-${i}` })).id);
    }
    // Some share an instant: the id breaks the tie, and the walk must still be exact.
    for (let i = 0; i < 4; i++) {
      existing.push(
        (await call<ResourceDto>(runtime, "POST", "/v1/resources", key, 201, { name: `tie-${i}` }))
          .id,
      );
    }
    const seen: ResourceDto[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=5&cursor=${cursor}` : "?limit=5";
      const page = await list(query);
      expect(page.meta.page).toBeNull();
      expect(page.meta.per_page).toBe(5);
      seen.push(...page.data);
      cursor = page.meta.next_cursor;
      expect(page.meta.has_more).toBe(cursor !== null);
      // Newer rows arrive while the client pages; they sort ahead of the cursor.
      await createResourceVia(runtime, clock, key, { name: `inserted-${pages}` });
      await call(runtime, "POST", "/v1/resources", key, 201, { name: `inserted-tie-${pages}` });
      pages++;
    } while (cursor && pages < 50);
    const ids = seen.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of existing) expect(ids).toContain(id);
    expect([...seen].sort(newestFirst).map((r) => r.id)).toEqual(ids);
  });

  it("pages by number with total, and an empty page past the end", async () => {
    const first = await list("");
    expect(first.meta).toMatchObject({ page: 1, per_page: 25, has_more: true });
    expect(first.meta.next_cursor).not.toBeNull();
    const total = first.meta.total;
    const all: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 10); page++) {
      const body = await list(`?page=${page}&per_page=10`);
      expect(body.meta.total).toBe(total);
      all.push(...body.data.map((r) => r.id));
    }
    expect(new Set(all).size).toBe(total);
    const beyond = await list(`?page=${Math.ceil(total / 10) + 1}&per_page=10`);
    expect(beyond.data).toEqual([]);
    expect(beyond.meta).toMatchObject({ has_more: false, next_cursor: null, total });
    // Page 1's next_cursor continues where page 1 ended.
    const page1 = await list("?per_page=3");
    const next = await list(`?limit=3&cursor=${page1.meta.next_cursor}`);
    const page2 = await list("?page=2&per_page=3");
    expect(next.data.map((r) => r.id)).toEqual(page2.data.map((r) => r.id));
  });

  describe("filters", () => {
    beforeAll(async () => {
      const vm = await createResourceVia(runtime, clock, key, {
        name: "Analytics Pipeline",
        region: "eu-west-1",
        labels: { env: "prod", team: "data" },
      });
      await createResourceVia(runtime, clock, key, {
        type: "volume",
        name: "analytics-DATA",
        region: "eu-west-1",
        labels: { env: "prod", team: "storage" },
      });
      await createResourceVia(runtime, clock, key, {
        type: "bucket",
        name: "Ünïcode Bücket",
        region: "ap-southeast-1",
        labels: { env: "dev", "app.kubernetes.io/name": "web:v2" },
      });
      await settleJobs(runtime, clock);
      await call(runtime, "POST", `/v1/instances/${vm.id}/actions`, key, 200, { type: "stop" });
      await createResourceVia(runtime, clock, key, {
        name: "analytics-new",
        region: "eu-west-1",
        labels: { env: "prod" },
      });
    });

    const names = async (query: string) => {
      const body = await list(`${query}&per_page=100`);
      expect(body.meta.total).toBe(body.data.length);
      return body.data.map((r) => r.name).sort();
    };

    it("by type, status and region, with total counting the filters", async () => {
      expect(await names("?type=volume")).toEqual(["analytics-DATA"]);
      expect(await names("?status=stopped")).toEqual(["Analytics Pipeline"]);
      expect(await names("?region=ap-southeast-1")).toEqual(["Ünïcode Bücket"]);
      expect(await names("?region=eu-west-1&status=provisioning")).toEqual(["analytics-new"]);
      expect(await names("?region=eu-west-1&type=instance&status=active")).toEqual([]);
    });

    it("by name, case-insensitively, on both stores (including non-ASCII)", async () => {
      expect(await names("?q=ANALYTICS")).toEqual([
        "Analytics Pipeline",
        "analytics-DATA",
        "analytics-new",
      ]);
      expect(await names("?q=pipe")).toEqual(["Analytics Pipeline"]);
      expect(await names(`?q=${encodeURIComponent("ÜNÏ")}`)).toEqual(["Ünïcode Bücket"]);
      expect(await names(`?q=${encodeURIComponent("bücket")}`)).toEqual(["Ünïcode Bücket"]);
    });

    it("by label, several labels all matching, values with colons", async () => {
      expect(await names("?label=team:data")).toEqual(["Analytics Pipeline"]);
      expect(await names("?label=env:prod")).toEqual([
        "Analytics Pipeline",
        "analytics-DATA",
        "analytics-new",
      ]);
      expect(await names("?label=env:prod&label=team:storage")).toEqual(["analytics-DATA"]);
      expect(await names("?label=env:prod&label=team:nobody")).toEqual([]);
      expect(await names(`?label=${encodeURIComponent("app.kubernetes.io/name:web:v2")}`)).toEqual([
        "Ünïcode Bücket",
      ]);
      expect(await names("?label=env:prod&q=data&region=eu-west-1")).toEqual(["analytics-DATA"]);
    });

    it("typed lists take the same filters", async () => {
      const body = await call<ResourceListDto>(
        runtime,
        "GET",
        "/v1/instances?label=env:prod&status=provisioning",
        key,
        200,
      );
      expect(body.data.map((r) => r.name)).toEqual(["analytics-new"]);
    });
  });
});
