import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe.each(storeTargets())("resources, errors, on %s", (target) => {
  let runtime: TestRuntime;
  let key: string;
  const clock = new TestClock();

  const problem = (
    method: string,
    path: string,
    status: number,
    body?: unknown,
  ): Promise<ProblemJson> => call<ProblemJson>(runtime, method, path, key, status, body);
  const fields = (p: ProblemJson) => (p.errors ?? []).map((e) => e.field);
  const create = (body: Record<string, unknown>, path?: string) =>
    createResourceVia(runtime, clock, key, body, path);

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    const org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
  });
  afterAll(() => runtime.close());

  describe("creation", () => {
    it("needs a name (422 with errors[])", async () => {
      const p = await problem("POST", "/v1/resources", 422, { region: "eu-west-1" });
      expect(p).toMatchObject({ code: "validation_failed", status: 422 });
      expect(p.errors).toContainEqual({
        field: "name",
        code: "required",
        message: "name is required",
      });
      expect(fields(await problem("POST", "/v1/resources", 422, { name: "   " }))).toEqual([
        "name",
      ]);
      expect(fields(await problem("POST", "/v1/resources", 422, { name: "bell\u0007" }))).toEqual([
        "name",
      ]);
      expect(
        fields(await problem("POST", "/v1/resources", 422, { name: "x".repeat(256) })),
      ).toEqual(["name"]);
    });

    it("refuses an unknown region with 422 naming region", async () => {
      const p = await problem("POST", "/v1/resources", 422, { name: "x", region: "mars-1" });
      expect(fields(p)).toEqual(["region"]);
      expect(p.detail).toMatch(/mars-1.*GET \/v1\/regions/);
    });

    it("refuses an unknown type, an unknown field and bad labels", async () => {
      expect(
        fields(await problem("POST", "/v1/resources", 422, { name: "x", type: "vm" })),
      ).toEqual(["type"]);
      expect(
        (await problem("POST", "/v1/resources", 422, { name: "x", colour: "red" })).detail,
      ).toMatch(/colour/);
      const bad = await problem("POST", "/v1/resources", 422, {
        name: "x",
        labels: { "bad key!": "v" },
      });
      expect(fields(bad)[0]).toMatch(/^labels/);
      const tooMany = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, "v"]));
      expect(
        fields(await problem("POST", "/v1/resources", 422, { name: "x", labels: tooMany })),
      ).toEqual(["labels"]);
    });

    it("checks the spec for the type, naming the spec field", async () => {
      const wrongField = await problem("POST", "/v1/resources", 422, {
        name: "x",
        type: "volume",
        spec: { cidr: "10.0.0.0/16" },
      });
      expect(wrongField.detail).toMatch(/cidr/);
      expect(fields(wrongField)[0]).toMatch(/^spec/);
      expect(
        fields(await problem("POST", "/v1/volumes", 422, { name: "x", spec: { size_gb: 0 } })),
      ).toEqual(["spec.size_gb"]);
      expect(
        fields(
          await problem("POST", "/v1/resources", 422, {
            name: "x",
            spec: { size: "s-64vcpu-1tb" },
          }),
        ),
      ).toEqual(["spec.size"]);
      const cidr = await problem("POST", "/v1/networks", 422, {
        name: "x",
        spec: { cidr: "8.8.8.0/24" },
      });
      expect(fields(cidr)).toEqual(["spec.cidr"]);
      expect(cidr.detail).toMatch(/10\.0\.0\.0\/8/);
      // The typed route's spec is strict too.
      expect(
        (await problem("POST", "/v1/buckets", 422, { name: "x", spec: { size_gb: 5 } })).detail,
      ).toMatch(/size_gb/);
    });

    it("checks references: unknown, wrong type, other region, listed twice", async () => {
      const vm = await create({ name: "ref-vm", region: "us-east-1" });
      const euNet = await create({ type: "network", name: "eu-net", region: "eu-west-1" });
      const unknown = await problem("POST", "/v1/instances", 422, {
        name: "x",
        spec: { network_id: "res_doesnotexist000" },
      });
      expect(fields(unknown)).toEqual(["spec.network_id"]);
      expect(unknown.detail).toMatch(/no network res_doesnotexist000/);
      expect(
        fields(
          await problem("POST", "/v1/instances", 422, { name: "x", spec: { network_id: vm.id } }),
        ),
      ).toEqual(["spec.network_id"]);
      const region = await problem("POST", "/v1/instances", 422, {
        name: "x",
        region: "us-east-1",
        spec: { network_id: euNet.id },
      });
      expect(region.detail).toMatch(/eu-west-1/);
      expect(
        fields(
          await problem("POST", "/v1/load-balancers", 422, {
            name: "x",
            spec: { target_ids: [vm.id, vm.id] },
          }),
        ),
      ).toEqual(["spec.target_ids.1"]);
    });

    it("answers malformed JSON with 400 and a non-JSON body with 415", async () => {
      const res = await call<ProblemJson>(runtime, "POST", "/v1/resources", key, 400, "{nope");
      expect(res.code).toBe("bad_request");
      const wrongType = await call<ProblemJson>(
        runtime,
        "POST",
        "/v1/resources",
        key,
        415,
        "name=x",
        { "Content-Type": "application/x-www-form-urlencoded" },
      );
      expect(wrongType.code).toBe("unsupported_media_type");
    });
  });

  describe("lookups", () => {
    it("answers 404 for unknown and malformed ids", async () => {
      const p = await problem("GET", "/v1/resources/res_unknown00000000", 404);
      expect(p).toMatchObject({ code: "not_found" });
      expect(p.detail).toMatch(/res_unknown00000000/);
      await problem("GET", "/v1/resources/not-an-id", 404);
      await problem("GET", `/v1/resources/res_${"a".repeat(200)}`, 404);
      await problem("PATCH", "/v1/resources/res_unknown00000000", 404, { name: "x" });
      await problem("DELETE", "/v1/resources/res_unknown00000000", 404);
    });

    it("a typed route never shows or deletes another type (404)", async () => {
      const vm = await create({ name: "typed-vm" });
      expect((await problem("GET", `/v1/volumes/${vm.id}`, 404)).detail).toMatch(/^Volume/);
      await problem("DELETE", `/v1/buckets/${vm.id}`, 404);
      await problem("POST", `/v1/volumes/${vm.id}/actions`, 404, { type: "detach" });
      await problem("POST", `/v1/load-balancers/${vm.id}/actions`, 404, {
        type: "add_target",
        instance_id: vm.id,
      });
      await call(runtime, "GET", `/v1/instances/${vm.id}`, key, 200);
    });

    it("names the parameter of a malformed list filter (400)", async () => {
      const field = async (query: string) =>
        fields(await problem("GET", `/v1/resources?${query}`, 400))[0];
      expect(await field("type=vm")).toBe("type");
      expect(await field("status=running")).toBe("status");
      expect(await field("region=mars-1")).toBe("region");
      expect(await field("label=nocolon")).toBe("label");
      expect(await field("label=ok:1&label=bad")).toBe("label.1");
      expect(await field(`q=${"x".repeat(256)}`)).toBe("q");
      expect(await field("limit=0")).toBe("limit");
      expect(await field("per_page=101")).toBe("per_page");
      expect(await field("cursor=garbage")).toBe("cursor");
      expect(await field("limit=5&limit=6")).toBe("limit");
      expect(fields(await problem("GET", "/v1/instances?status=gone", 400))).toEqual(["status"]);
    });
  });

  describe("state transitions (409 conflict with a clear detail)", () => {
    let vm: ResourceDto;
    let other: ResourceDto;
    let vol: ResourceDto;
    let lb: ResourceDto;
    let net: ResourceDto;

    beforeAll(async () => {
      net = await create({ type: "network", name: "core-net" });
      vm = await create({ name: "api-1", spec: { network_id: net.id } });
      other = await create({ name: "api-2" });
      vol = await create({ type: "volume", name: "api-data" });
      lb = await create({ type: "load_balancer", name: "api-lb" });
    });

    it("refuses actions on a resource that is still provisioning", async () => {
      const p = await problem("POST", `/v1/instances/${vm.id}/actions`, 409, { type: "stop" });
      expect(p).toMatchObject({ code: "conflict" });
      expect(p.detail).toMatch(/still provisioning/);
      await problem("POST", `/v1/volumes/${vol.id}/actions`, 409, {
        type: "attach",
        instance_id: vm.id,
      });
      await problem("POST", `/v1/load-balancers/${lb.id}/actions`, 409, {
        type: "add_target",
        instance_id: vm.id,
      });
      expect(
        (await problem("PATCH", `/v1/resources/${vm.id}`, 409, { spec: { size: "s-2vcpu-4gb" } }))
          .detail,
      ).toMatch(/resize.*provisioning/);
      // Renaming is fine while provisioning.
      await call(runtime, "PATCH", `/v1/resources/${vm.id}`, key, 200, { name: "api-1" });
    });

    it("refuses power actions that do not fit the status", async () => {
      await settleJobs(runtime, clock);
      const act = (body: unknown, status: number) =>
        problem("POST", `/v1/instances/${vm.id}/actions`, status, body);
      expect((await act({ type: "start" }, 409)).detail).toMatch(/already running/);
      expect((await act({ type: "resize", size: "s-1vcpu-1gb" }, 409)).detail).toMatch(
        /already size/,
      );
      await call(runtime, "POST", `/v1/instances/${vm.id}/actions`, key, 200, { type: "stop" });
      expect((await act({ type: "stop" }, 409)).detail).toMatch(/already stopped/);
      expect((await act({ type: "reboot" }, 409)).detail).toMatch(/stopped; start it/);
      await call(runtime, "POST", `/v1/instances/${vm.id}/actions`, key, 200, { type: "start" });
      const unknown = await act({ type: "explode" }, 422);
      expect(unknown.detail).toMatch(/reboot, stop, start, resize/);
      expect(fields(await act({ type: "resize" }, 422))).toContain("size");
    });

    it("refuses to attach an attached volume, naming the instance", async () => {
      const path = `/v1/volumes/${vol.id}/actions`;
      expect((await problem("POST", path, 409, { type: "detach" })).detail).toMatch(/not attached/);
      await call(runtime, "POST", path, key, 200, { type: "attach", instance_id: vm.id });
      const again = await problem("POST", path, 409, { type: "attach", instance_id: other.id });
      expect(again.detail).toContain(`attached to instance ${vm.id} ("api-1")`);
      expect(
        (await problem("POST", path, 409, { type: "attach", instance_id: vm.id })).detail,
      ).toMatch(/already attached/);
      expect(
        (await problem("POST", path, 409, { type: "detach", instance_id: other.id })).detail,
      ).toMatch(/not res_/);
    });

    it("refuses to delete what something uses, naming the user, and leaves it as it was", async () => {
      const before = await call<ResourceDto>(runtime, "GET", `/v1/volumes/${vol.id}`, key, 200);
      const p = await problem("DELETE", `/v1/resources/${vol.id}`, 409);
      expect(p.code).toBe("conflict");
      expect(p.detail).toBe(
        `Volume ${vol.id} is in use: attached to instance ${vm.id} ("api-1"); detach it first`,
      );
      expect(await call(runtime, "GET", `/v1/volumes/${vol.id}`, key, 200)).toEqual(before);

      await call(runtime, "POST", `/v1/load-balancers/${lb.id}/actions`, key, 200, {
        type: "add_target",
        instance_id: other.id,
      });
      const target = await problem("DELETE", `/v1/instances/${other.id}`, 409);
      expect(target.detail).toContain(`a target of load balancer ${lb.id} ("api-lb")`);
      expect(
        (
          await problem("POST", `/v1/load-balancers/${lb.id}/actions`, 409, {
            type: "add_target",
            instance_id: other.id,
          })
        ).detail,
      ).toMatch(/already a target/);

      const members = await problem("DELETE", `/v1/networks/${net.id}`, 409);
      expect(members.detail).toContain(`used by member instance ${vm.id} ("api-1")`);
      await call(runtime, "GET", `/v1/networks/${net.id}`, key, 200);
      await call(runtime, "GET", `/v1/instances/${other.id}`, key, 200);

      // Once released, the deletes go through.
      await call(runtime, "POST", `/v1/load-balancers/${lb.id}/actions`, key, 200, {
        type: "remove_target",
        instance_id: other.id,
      });
      expect(
        (
          await problem("POST", `/v1/load-balancers/${lb.id}/actions`, 409, {
            type: "remove_target",
            instance_id: other.id,
          })
        ).detail,
      ).toMatch(/not a target/);
      await call(runtime, "DELETE", `/v1/instances/${other.id}`, key, 204);
      await call(runtime, "DELETE", `/v1/instances/${vm.id}`, key, 204);
      await call(runtime, "DELETE", `/v1/networks/${net.id}`, key, 204);
    });
  });

  describe("PATCH", () => {
    it("refuses an empty update, fields of another type and a shrinking volume", async () => {
      const vol = await create({ type: "volume", name: "grow", spec: { size_gb: 50 } });
      await settleJobs(runtime, clock);
      const path = `/v1/resources/${vol.id}`;
      expect(fields(await problem("PATCH", path, 422, {}))).toEqual(["body"]);
      expect(fields(await problem("PATCH", path, 422, { spec: { size: "s-2vcpu-4gb" } }))).toEqual([
        "spec.size",
      ]);
      const shrink = await problem("PATCH", path, 422, { spec: { size_gb: 10 } });
      expect(shrink.detail).toMatch(/only grow/);
      expect(fields(await problem("PATCH", path, 422, { name: "" }))).toEqual(["name"]);
      expect(fields(await problem("PATCH", path, 422, { id: "res_x" }))[0]).toBeDefined();
      const unchanged = await call<ResourceDto>(runtime, "GET", path, key, 200);
      expect(unchanged.spec).toEqual({ size_gb: 50, attached_instance_id: null });
    });
  });
});
