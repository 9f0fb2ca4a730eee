import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResourceDto, ResourceListDto } from "@/lib/schemas/resources";
import { apiRequest, createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { call, createResourceVia, settleJobs, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(storeTargets())("resources, happy paths, on %s", (target) => {
  let runtime: TestRuntime;
  let key: string;
  const clock = new TestClock();

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    const org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
  });
  afterAll(() => runtime.close());

  it("creates the documented example as written: an instance of the smallest size", async () => {
    const res = await apiRequest(runtime, "POST", "/v1/resources", {
      key,
      body: { name: "Analytics Pipeline", region: "eu-west-1" },
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as ResourceDto;
    expect(Object.keys(body)).toEqual([
      "id",
      "type",
      "name",
      "status",
      "region",
      "spec",
      "labels",
      "created_at",
      "updated_at",
    ]);
    expect(body).toMatchObject({
      type: "instance",
      name: "Analytics Pipeline",
      status: "provisioning",
      region: "eu-west-1",
      spec: { size: "s-1vcpu-1gb", image: "ubuntu-24.04", network_id: null },
      labels: {},
    });
    expect(body.id).toMatch(/^res_[0-9A-Za-z]{16}$/);
    expect(body.created_at).toMatch(ISO_Z);
    expect(body.updated_at).toBe(body.created_at);
    expect(res.headers.get("location")).toBe(`/v1/resources/${body.id}`);
    expect(res.headers.get("content-type")).toBe("application/json");
  });

  it("defaults the region to us-east-1", async () => {
    const created = await createResourceVia(runtime, clock, key, { name: "no region" });
    expect(created.region).toBe("us-east-1");
  });

  it("becomes active through the provisioning job, with events, and GET agrees", async () => {
    const created = await createResourceVia(runtime, clock, key, {
      name: "web",
      labels: { env: "prod" },
    });
    clock.advance(runtime.config.provisionDelayMs - 10);
    await runtime.jobs.drain();
    expect(
      (await call<ResourceDto>(runtime, "GET", `/v1/resources/${created.id}`, key, 200)).status,
    ).toBe("provisioning");
    await settleJobs(runtime, clock);
    const got = await call<ResourceDto>(runtime, "GET", `/v1/resources/${created.id}`, key, 200);
    expect(got.status).toBe("active");
    expect(got.updated_at > created.updated_at).toBe(true);
    expect(got.labels).toEqual({ env: "prod" });
    const events = await call<{ data: Array<{ type: string; object_id: string }> }>(
      runtime,
      "GET",
      `/v1/events?object_id=${created.id}`,
      key,
      200,
    );
    expect(events.data.map((e) => e.type)).toEqual(["resource.active", "resource.created"]);
    const row = await runtime.store.db
      .selectFrom("resources")
      .select(["active_at", "created_at"])
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(row.active_at).toBe(got.updated_at);
  });

  it("GET by id, the plain list and a typed list answer every field from its own column", async () => {
    const created = await createResourceVia(runtime, clock, key, {
      name: 'Columns "quoted" é',
      region: "eu-central-1",
      labels: { team: "data", tier: "gold" },
    });
    const stored = await runtime.store.db
      .selectFrom("resources")
      .selectAll()
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    const expected = {
      id: stored.id,
      type: stored.type,
      name: 'Columns "quoted" é',
      status: stored.status,
      region: "eu-central-1",
      spec: JSON.parse(stored.spec),
      labels: { team: "data", tier: "gold" },
      created_at: stored.created_at,
      updated_at: stored.updated_at,
    };
    const byId = await call<ResourceDto>(runtime, "GET", `/v1/resources/${created.id}`, key, 200);
    expect(byId).toEqual(expected);
    const plain = await call<ResourceListDto>(runtime, "GET", "/v1/resources?limit=100", key, 200);
    expect(plain.data.find((r) => r.id === created.id)).toEqual(expected);
    const typed = await call<ResourceListDto>(runtime, "GET", "/v1/instances?limit=100", key, 200);
    expect(typed.data.find((r) => r.id === created.id)).toEqual(expected);
  });

  it("creates each type with its spec defaults, through both the generic and the typed routes", async () => {
    const network = await createResourceVia(runtime, clock, key, {
      type: "network",
      name: "vpc",
    });
    expect(network.spec).toEqual({ cidr: "10.0.0.0/16" });
    const volume = await createResourceVia(
      runtime,
      clock,
      key,
      { name: "data", spec: { size_gb: 50 } },
      "/v1/volumes",
    );
    expect(volume).toMatchObject({
      type: "volume",
      spec: { size_gb: 50, attached_instance_id: null },
    });
    const bucket = await createResourceVia(
      runtime,
      clock,
      key,
      { name: "assets", spec: { versioning: true } },
      "/v1/buckets",
    );
    expect(bucket.spec).toEqual({ versioning: true, public: false });
    const instance = await createResourceVia(
      runtime,
      clock,
      key,
      { name: "app", spec: { size: "s-2vcpu-4gb", image: "debian-12", network_id: network.id } },
      "/v1/instances",
    );
    expect(instance.spec).toEqual({
      size: "s-2vcpu-4gb",
      image: "debian-12",
      network_id: network.id,
    });
    const lb = await createResourceVia(
      runtime,
      clock,
      key,
      { name: "lb", spec: { target_ids: [instance.id] } },
      "/v1/load-balancers",
    );
    expect(lb).toMatchObject({
      type: "load_balancer",
      spec: { algorithm: "round_robin", target_ids: [instance.id], network_id: null },
    });
    // Typed GET shows the same object as the generic one.
    const viaTyped = await call<ResourceDto>(
      runtime,
      "GET",
      `/v1/load-balancers/${lb.id}`,
      key,
      200,
    );
    const viaGeneric = await call<ResourceDto>(runtime, "GET", `/v1/resources/${lb.id}`, key, 200);
    expect(viaTyped).toEqual(viaGeneric);
  });

  it("typed lists show only their type", async () => {
    const list = await call<ResourceListDto>(runtime, "GET", "/v1/volumes?per_page=100", key, 200);
    expect(list.data.length).toBeGreaterThan(0);
    expect(list.data.every((r) => r.type === "volume")).toBe(true);
    const all = await call<ResourceListDto>(runtime, "GET", "/v1/resources?type=volume", key, 200);
    expect(all.meta.total).toBe(list.meta.total);
  });

  it("runs instance power actions: stop, start, reboot, resize", async () => {
    const vm = await createResourceVia(runtime, clock, key, { name: "power" });
    await settleJobs(runtime, clock);
    const act = (body: Record<string, string>) => {
      clock.advance(1000); // events of one instant have no defined order
      return call<ResourceDto>(runtime, "POST", `/v1/instances/${vm.id}/actions`, key, 200, body);
    };
    expect((await act({ type: "stop" })).status).toBe("stopped");
    expect((await act({ type: "resize", size: "s-4vcpu-8gb" })).spec).toMatchObject({
      size: "s-4vcpu-8gb",
    });
    expect((await act({ type: "start" })).status).toBe("active");
    expect((await act({ type: "reboot" })).status).toBe("active");
    const events = await call<{ data: Array<{ type: string }> }>(
      runtime,
      "GET",
      `/v1/events?object_id=${vm.id}&type=instance.*`,
      key,
      200,
    );
    expect(events.data.map((e) => e.type)).toEqual([
      "instance.rebooted",
      "instance.started",
      "instance.resized",
      "instance.stopped",
    ]);
  });

  it("attaches and detaches a volume; deleting the instance detaches it", async () => {
    const vm = await createResourceVia(runtime, clock, key, { name: "db-host" });
    const vol = await createResourceVia(runtime, clock, key, { type: "volume", name: "db-data" });
    await settleJobs(runtime, clock);
    const path = `/v1/volumes/${vol.id}/actions`;
    const attached = await call<ResourceDto>(runtime, "POST", path, key, 200, {
      type: "attach",
      instance_id: vm.id,
    });
    expect(attached.spec).toMatchObject({ attached_instance_id: vm.id });
    const detached = await call<ResourceDto>(runtime, "POST", path, key, 200, { type: "detach" });
    expect(detached.spec).toMatchObject({ attached_instance_id: null });
    await call(runtime, "POST", path, key, 200, { type: "attach", instance_id: vm.id });
    await call(runtime, "DELETE", `/v1/instances/${vm.id}`, key, 204);
    const after = await call<ResourceDto>(runtime, "GET", `/v1/volumes/${vol.id}`, key, 200);
    expect(after.spec).toMatchObject({ attached_instance_id: null });
    await call(runtime, "DELETE", `/v1/volumes/${vol.id}`, key, 204);
  });

  it("adds and removes load balancer targets", async () => {
    const a = await createResourceVia(runtime, clock, key, { name: "a" });
    const lb = await createResourceVia(runtime, clock, key, {
      type: "load_balancer",
      name: "edge",
    });
    await settleJobs(runtime, clock);
    const path = `/v1/load-balancers/${lb.id}/actions`;
    const added = await call<ResourceDto>(runtime, "POST", path, key, 200, {
      type: "add_target",
      instance_id: a.id,
    });
    expect(added.spec).toMatchObject({ target_ids: [a.id] });
    const removed = await call<ResourceDto>(runtime, "POST", path, key, 200, {
      type: "remove_target",
      instance_id: a.id,
    });
    expect(removed.spec).toMatchObject({ target_ids: [] });
    await call(runtime, "DELETE", `/v1/resources/${a.id}`, key, 204);
  });

  it("PATCH renames, relabels and resizes, with one resource.updated event", async () => {
    const vol = await createResourceVia(runtime, clock, key, {
      type: "volume",
      name: "old",
      labels: { a: "1", b: "2" },
    });
    await settleJobs(runtime, clock);
    clock.advance(1000);
    const patched = await call<ResourceDto>(runtime, "PATCH", `/v1/resources/${vol.id}`, key, 200, {
      name: "new name",
      labels: { c: "3" },
      spec: { size_gb: 20 },
    });
    expect(patched).toMatchObject({ name: "new name", labels: { c: "3" }, spec: { size_gb: 20 } });
    expect(patched.updated_at > patched.created_at).toBe(true);
    expect(await call(runtime, "GET", `/v1/resources/${vol.id}`, key, 200)).toEqual(patched);
    const events = await call<{ data: Array<{ type: string; data: ResourceDto }> }>(
      runtime,
      "GET",
      `/v1/events?object_id=${vol.id}&type=resource.updated`,
      key,
      200,
    );
    expect(events.data).toHaveLength(1);
    expect(events.data[0]?.data).toEqual(patched);
    // The old labels no longer match a filter, the new one does.
    const byOld = await call<ResourceListDto>(runtime, "GET", "/v1/resources?label=a:1", key, 200);
    expect(byOld.data.map((r) => r.id)).not.toContain(vol.id);
    const byNew = await call<ResourceListDto>(runtime, "GET", "/v1/resources?label=c:3", key, 200);
    expect(byNew.data.map((r) => r.id)).toContain(vol.id);
  });

  it("DELETE answers 204, then GET and lists no longer show it; deprovisioning finishes later", async () => {
    const doomed = await createResourceVia(runtime, clock, key, { type: "bucket", name: "doomed" });
    const res = await apiRequest(runtime, "DELETE", `/v1/resources/${doomed.id}`, { key });
    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    await call(runtime, "GET", `/v1/resources/${doomed.id}`, key, 404);
    await call(runtime, "GET", `/v1/buckets/${doomed.id}`, key, 404);
    const list = await call<ResourceListDto>(
      runtime,
      "GET",
      "/v1/resources?per_page=100",
      key,
      200,
    );
    expect(list.data.map((r) => r.id)).not.toContain(doomed.id);
    const row = () =>
      runtime.store.db
        .selectFrom("resources")
        .select(["status", "deleted_at"])
        .where("id", "=", doomed.id)
        .executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({
      status: "deleting",
      deleted_at: clock.now().toISOString(),
    });
    await settleJobs(runtime, clock);
    expect((await row()).status).toBe("deleted");
  });
});
