import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/lib/runtime";
import type { EventListDto } from "@/lib/schemas/events";
import type { ResourceDto, ResourceListDto } from "@/lib/schemas/resources";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import {
  call,
  createResourceVia,
  dropSharedSchema,
  type ProblemJson,
  settleJobs,
  sharedStoreOptions,
  TestClock,
} from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { failProvisioning } from "./provision-jobs";
import { PROVISION_JOB, SANDBOX_RESET_JOB, sandboxResetKey } from "./resource-jobs";

describe.each(storeTargets())("resource jobs, on %s", (target) => {
  it("provisioning survives a restart: the job is in the store", async () => {
    const clock = new TestClock();
    const shared = sharedStoreOptions(target);
    const first = await createTestRuntime(target, { now: clock.now, ...shared });
    const org = await createTestOrganization(first, "pro");
    const key = (await createTestKey(first, org)).secret;
    const created = await createResourceVia(first, clock, key, { name: "survivor" });
    await first.close();

    clock.advance(first.config.provisionDelayMs);
    const second = await createTestRuntime(target, {
      now: clock.now,
      ...shared,
      sqliteFile: first.sqliteFile ?? undefined,
    });
    try {
      expect(await second.jobs.drain()).toBeGreaterThanOrEqual(1);
      const got = await call<ResourceDto>(second, "GET", `/v1/resources/${created.id}`, key, 200);
      expect(got.status).toBe("active");
    } finally {
      await second.close();
      await dropSharedSchema(first.postgresSchema);
    }
  });

  describe("with one runtime", () => {
    let runtime: TestRuntime;
    let org: TestOrganization;
    let live: string;
    let sandbox: string;
    const clock = new TestClock(Date.parse("2026-05-04T10:00:00.000Z"));

    beforeAll(async () => {
      runtime = await createTestRuntime(target, { now: clock.now });
      org = await createTestOrganization(runtime, "pro");
      live = (await createTestKey(runtime, org)).secret;
      sandbox = (await createTestKey(runtime, org, { environment: "test" })).secret;
    });
    afterAll(() => runtime.close());

    const pendingResets = () =>
      runtime.store.db
        .selectFrom("jobs")
        .select(["run_at", "unique_key"])
        .where("type", "=", SANDBOX_RESET_JOB)
        .where("payload", "like", `%${org.projectId}%`)
        .execute();

    it("wipes the project's sandbox at 00:00 UTC every day, and never live data", async () => {
      const liveVm = await createResourceVia(runtime, clock, live, {
        name: "live-vm",
        labels: { env: "prod" },
      });
      const vm = await createResourceVia(runtime, clock, sandbox, {
        name: "sandbox-vm",
        labels: { env: "test" },
      });
      const vol = await createResourceVia(runtime, clock, sandbox, {
        type: "volume",
        name: "sandbox-vol",
      });
      await settleJobs(runtime, clock);
      await call(runtime, "POST", `/v1/volumes/${vol.id}/actions`, sandbox, 200, {
        type: "attach",
        instance_id: vm.id,
      });
      expect(await pendingResets()).toEqual([
        { run_at: "2026-05-05T00:00:00.000Z", unique_key: sandboxResetKey(org.projectId) },
      ]);

      clock.advance(Date.parse("2026-05-04T23:59:00.000Z") - clock.now().getTime());
      await runtime.jobs.drain();
      await call(runtime, "GET", `/v1/resources/${vm.id}`, sandbox, 200);

      clock.advance(2 * 60_000);
      await runtime.jobs.drain();
      await call(runtime, "GET", `/v1/resources/${vm.id}`, sandbox, 404);
      const sandboxList = await call<ResourceListDto>(
        runtime,
        "GET",
        "/v1/resources",
        sandbox,
        200,
      );
      expect(sandboxList.meta.total).toBe(0);
      const sandboxEvents = await call<EventListDto>(runtime, "GET", "/v1/events", sandbox, 200);
      expect(sandboxEvents.meta.total).toBe(0);
      for (const table of ["resource_labels", "resource_attachments"] as const) {
        const left = await runtime.store.db
          .selectFrom(table)
          .select("project_id")
          .where("project_id", "=", org.projectId)
          .where("environment", "=", "test")
          .execute();
        expect(left, table).toEqual([]);
      }
      // Live is untouched, events included.
      const liveGot = await call<ResourceDto>(
        runtime,
        "GET",
        `/v1/resources/${liveVm.id}`,
        live,
        200,
      );
      expect(liveGot).toMatchObject({ status: "active", labels: { env: "prod" } });
      const liveEvents = await call<EventListDto>(
        runtime,
        "GET",
        `/v1/events?object_id=${liveVm.id}`,
        live,
        200,
      );
      expect(liveEvents.meta.total).toBe(2);
      // The job put its successor in its place: one pending reset, the next midnight.
      expect(await pendingResets()).toEqual([
        { run_at: "2026-05-06T00:00:00.000Z", unique_key: sandboxResetKey(org.projectId) },
      ]);

      // The next day the same happens again.
      const again = await createResourceVia(runtime, clock, sandbox, { name: "day-two" });
      expect(await pendingResets()).toHaveLength(1);
      clock.advance(24 * 60 * 60_000);
      await runtime.jobs.drain();
      await call(runtime, "GET", `/v1/resources/${again.id}`, sandbox, 404);
      expect(await pendingResets()).toEqual([
        { run_at: "2026-05-07T00:00:00.000Z", unique_key: sandboxResetKey(org.projectId) },
      ]);
    });

    it("marks a resource failed when provisioning gives up", async () => {
      const vm = await createResourceVia(runtime, clock, live, { name: "doomed-vm" });
      clock.advance(1000);
      await failProvisioning(runtime.store.db, {
        id: "job_test",
        type: PROVISION_JOB,
        payload: { resourceId: vm.id, projectId: org.projectId, environment: "live" },
        attempt: 10,
        now: clock.now(),
      });
      const got = await call<ResourceDto>(runtime, "GET", `/v1/resources/${vm.id}`, live, 200);
      expect(got.status).toBe("failed");
      const events = await call<EventListDto>(
        runtime,
        "GET",
        `/v1/events?object_id=${vm.id}`,
        live,
        200,
      );
      expect(events.data.map((e) => e.type)).toEqual(["resource.failed", "resource.created"]);
      // The late provisioning job does not resurrect it.
      await settleJobs(runtime, clock);
      expect(
        (await call<ResourceDto>(runtime, "GET", `/v1/resources/${vm.id}`, live, 200)).status,
      ).toBe("failed");
      const p = await call<ProblemJson>(
        runtime,
        "POST",
        `/v1/instances/${vm.id}/actions`,
        live,
        409,
        {
          type: "start",
        },
      );
      expect(p.detail).toMatch(/failed to provision/);
      await call(runtime, "DELETE", `/v1/resources/${vm.id}`, live, 204);
    });

    it("a resource deleted while provisioning never becomes active", async () => {
      const vm = await createResourceVia(runtime, clock, live, { name: "short-lived" });
      await call(runtime, "DELETE", `/v1/resources/${vm.id}`, live, 204);
      await settleJobs(runtime, clock);
      const row = await runtime.store.db
        .selectFrom("resources")
        .select(["status", "active_at", "deleted_at"])
        .where("id", "=", vm.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: "deleted", active_at: null });
      expect(row.deleted_at).not.toBeNull();
    });
  });

  it("seeds the demo project with an active estate", async () => {
    const runtime = await createTestRuntime(target);
    try {
      const account = await seedDemo(runtime);
      expect(account).not.toBeNull();
      const org: TestOrganization = {
        userId: account!.userId,
        organizationId: account!.organizationId,
        projectId: account!.projectId,
        slug: "demo",
        plan: "pro",
      };
      const key = (await createTestKey(runtime, org)).secret;
      const body = await call<ResourceListDto>(runtime, "GET", "/v1/resources", key, 200);
      const byName = new Map(body.data.map((r) => [r.name, r]));
      expect([...byName.keys()].sort()).toEqual([
        "Analytics Pipeline",
        "acme-assets",
        "production-vpc",
        "web-1",
        "web-1-data",
        "web-2",
        "web-lb",
        "worker-1",
      ]);
      expect(new Set(body.data.map((r) => r.type))).toEqual(
        new Set(["instance", "volume", "bucket", "network", "load_balancer"]),
      );
      expect(body.data.filter((r) => r.status !== "active").map((r) => r.name)).toEqual([
        "Analytics Pipeline",
      ]);
      const web1 = byName.get("web-1")!;
      expect(byName.get("web-1-data")!.spec).toMatchObject({ attached_instance_id: web1.id });
      expect(byName.get("web-lb")!.spec).toMatchObject({
        target_ids: [web1.id, byName.get("web-2")!.id],
      });
      const p = await call<ProblemJson>(
        runtime,
        "DELETE",
        `/v1/volumes/${byName.get("web-1-data")!.id}`,
        key,
        409,
      );
      expect(p.detail).toContain(`instance ${web1.id} ("web-1")`);
      const events = await call<EventListDto>(
        runtime,
        "GET",
        "/v1/events?type=resource.*",
        key,
        200,
      );
      expect(events.meta.total).toBe(16); // created + active for each of the eight
    } finally {
      await runtime.close();
    }
  });
});
