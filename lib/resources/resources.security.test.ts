import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventListDto } from "@/lib/schemas/events";
import type { ResourceDto, ResourceListDto } from "@/lib/schemas/resources";
import { apiRequest, createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import {
  call,
  createResourceVia,
  type ProblemJson,
  settleJobs,
  TestClock,
} from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

describe.each(storeTargets())("resources, security, on %s", (target) => {
  let runtime: TestRuntime;
  const clock = new TestClock();
  let live: string;
  let sandbox: string;
  let readOnly: string;
  let noResources: string;
  let stranger: string;
  let vm: ResourceDto;
  let vol: ResourceDto;
  let lb: ResourceDto;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    const org = await createTestOrganization(runtime, "pro");
    live = (await createTestKey(runtime, org)).secret;
    sandbox = (await createTestKey(runtime, org, { environment: "test" })).secret;
    readOnly = (await createTestKey(runtime, org, { scopes: ["resources:read"] })).secret;
    noResources = (await createTestKey(runtime, org, { scopes: ["usage:read", "events:read"] }))
      .secret;
    const other = await createTestOrganization(runtime, "pro");
    stranger = (await createTestKey(runtime, other)).secret;
    vm = await createResourceVia(runtime, clock, live, { name: "secure-vm" });
    vol = await createResourceVia(runtime, clock, live, { type: "volume", name: "secure-vol" });
    lb = await createResourceVia(runtime, clock, live, {
      type: "load_balancer",
      name: "secure-lb",
    });
    await settleJobs(runtime, clock);
  });
  afterAll(() => runtime.close());

  const writes = () => [
    { method: "POST", path: "/v1/resources", body: { name: "x" } },
    { method: "POST", path: "/v1/instances", body: { name: "x" } },
    { method: "PATCH", path: `/v1/resources/${vm.id}`, body: { name: "renamed" } },
    { method: "POST", path: `/v1/instances/${vm.id}/actions`, body: { type: "stop" } },
    {
      method: "POST",
      path: `/v1/volumes/${vol.id}/actions`,
      body: { type: "attach", instance_id: vm.id },
    },
    {
      method: "POST",
      path: `/v1/load-balancers/${lb.id}/actions`,
      body: { type: "add_target", instance_id: vm.id },
    },
    { method: "DELETE", path: `/v1/instances/${vm.id}` },
    { method: "DELETE", path: `/v1/resources/${vol.id}` },
  ];
  const reads = () => [
    `/v1/resources/${vm.id}`,
    `/v1/instances/${vm.id}`,
    "/v1/resources",
    "/v1/volumes",
  ];

  it("answers 401 without a key on every resource route", async () => {
    for (const { method, path, body } of writes()) {
      const res = await apiRequest(runtime, method, path, { body });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    for (const path of [...reads(), "/v1/events"]) {
      expect((await apiRequest(runtime, "GET", path)).status, path).toBe(401);
    }
  });

  it("a resources:read key reads but every write is 403 and changes nothing", async () => {
    for (const path of reads()) await call(runtime, "GET", path, readOnly, 200);
    for (const { method, path, body } of writes()) {
      const p = await call<ProblemJson>(runtime, method, path, readOnly, 403, body);
      expect(p.code).toBe("forbidden");
      expect(p.detail).toMatch(/resources:write/);
    }
    const after = await call<ResourceDto>(runtime, "GET", `/v1/resources/${vm.id}`, live, 200);
    expect(after).toMatchObject({ name: "secure-vm", status: "active" });
    // events:read is a scope of its own.
    expect((await call<ProblemJson>(runtime, "GET", "/v1/events", readOnly, 403)).detail).toMatch(
      /events:read/,
    );
  });

  it("a key without resources:read gets 403 on reads", async () => {
    for (const path of reads()) {
      const p = await call<ProblemJson>(runtime, "GET", path, noResources, 403);
      expect(p.detail).toMatch(/resources:read/);
    }
    await call(runtime, "GET", "/v1/events", noResources, 200);
  });

  it("another organization's key gets 404 on every verb, and nothing changes", async () => {
    for (const path of reads().slice(0, 2)) await call(runtime, "GET", path, stranger, 404);
    for (const { method, path, body } of writes().slice(2)) {
      await call(runtime, method, path, stranger, 404, body);
    }
    const list = await call<ResourceListDto>(runtime, "GET", "/v1/resources", stranger, 200);
    expect(list.meta.total).toBe(0);
    const events = await call<EventListDto>(runtime, "GET", "/v1/events", stranger, 200);
    expect(events.data.filter((e) => e.object_id === vm.id)).toEqual([]);
    expect(await call(runtime, "GET", `/v1/resources/${vm.id}`, live, 200)).toMatchObject({
      name: "secure-vm",
      status: "active",
    });
    // A stranger's reference to our instance is "no such instance", not a way in.
    const probe = await createResourceVia(runtime, clock, stranger, {
      type: "volume",
      name: "probe",
    });
    await settleJobs(runtime, clock);
    const attach = await call<ProblemJson>(
      runtime,
      "POST",
      `/v1/volumes/${probe.id}/actions`,
      stranger,
      422,
      { type: "attach", instance_id: vm.id },
    );
    expect(attach.detail).toBe(`instance_id: no instance ${vm.id} in this project`);
    const lbProbe = await call<ProblemJson>(runtime, "POST", "/v1/load-balancers", stranger, 422, {
      name: "probe-lb",
      spec: { target_ids: [vm.id] },
    });
    expect(lbProbe.errors?.[0]?.field).toBe("spec.target_ids.0");
  });

  it("sandbox and live never see each other's objects (404 both ways)", async () => {
    const testVm = await createResourceVia(runtime, clock, sandbox, { name: "sandbox-vm" });
    await call(runtime, "GET", `/v1/resources/${testVm.id}`, sandbox, 200);
    await call(runtime, "GET", `/sandbox/v1/resources/${testVm.id}`, sandbox, 200);
    await call(runtime, "GET", `/v1/resources/${testVm.id}`, live, 404);
    await call(runtime, "DELETE", `/v1/resources/${testVm.id}`, live, 404);
    await call(runtime, "GET", `/v1/resources/${vm.id}`, sandbox, 404);
    await call(runtime, "GET", `/sandbox/v1/instances/${vm.id}`, sandbox, 404);
    await call(runtime, "PATCH", `/v1/resources/${vm.id}`, sandbox, 404, { name: "x" });
    // A sandbox object cannot reference a live one either.
    await createResourceVia(runtime, clock, sandbox, { type: "volume", name: "sandbox-vol" });
    const crossRef = await call<ProblemJson>(runtime, "POST", "/v1/load-balancers", sandbox, 422, {
      name: "lb",
      spec: { target_ids: [vm.id] },
    });
    expect(crossRef.errors?.[0]?.field).toBe("spec.target_ids.0");

    const liveList = await call<ResourceListDto>(
      runtime,
      "GET",
      "/v1/resources?per_page=100",
      live,
      200,
    );
    expect(liveList.data.map((r) => r.id)).not.toContain(testVm.id);
    const testList = await call<ResourceListDto>(
      runtime,
      "GET",
      "/v1/resources?per_page=100",
      sandbox,
      200,
    );
    expect(testList.data.map((r) => r.name).sort()).toEqual(["sandbox-vm", "sandbox-vol"]);
    const testEvents = await call<EventListDto>(
      runtime,
      "GET",
      "/v1/events?per_page=100",
      sandbox,
      200,
    );
    expect(testEvents.data.every((e) => e.object_id !== vm.id)).toBe(true);
    const liveEvents = await call<EventListDto>(
      runtime,
      "GET",
      "/v1/events?per_page=100",
      live,
      200,
    );
    expect(liveEvents.data.some((e) => e.object_id === testVm.id)).toBe(false);
    // A live key on the sandbox surface is refused outright.
    await call(runtime, "GET", "/sandbox/v1/resources", live, 401);
  });

  it("treats q and labels as data: wildcards and quotes match literally", async () => {
    await createResourceVia(runtime, clock, live, { name: "100% real_name 'quoted'" });
    const find = async (q: string) =>
      (
        await call<ResourceListDto>(
          runtime,
          "GET",
          `/v1/resources?q=${encodeURIComponent(q)}`,
          live,
          200,
        )
      ).data.map((r) => r.name);
    expect(await find("%")).toEqual(["100% real_name 'quoted'"]);
    expect(await find("l_n")).toEqual(["100% real_name 'quoted'"]);
    expect(await find("_")).toEqual(["100% real_name 'quoted'"]);
    expect(await find("' or '1'='1")).toEqual([]);
    expect(await find("\\")).toEqual([]);
    const labels = await call<ResourceListDto>(
      runtime,
      "GET",
      `/v1/resources?label=${encodeURIComponent("env:' or 1=1 --")}`,
      live,
      200,
    );
    expect(labels.data).toEqual([]);
  });

  it("never leaks internals in errors", async () => {
    const res = await apiRequest(runtime, "POST", "/v1/resources", {
      key: live,
      body: { name: "x", spec: { network_id: "res_' or 1=1 --" } },
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).not.toMatch(/select|sqlite|postgres|stack/i);
  });
});
