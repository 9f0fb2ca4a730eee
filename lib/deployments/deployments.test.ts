import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setRegionStatus } from "@/lib/admin/set-region";
import type { DeploymentDto, DeploymentPlanDto } from "@/lib/schemas/deployments";
import type { ResourceListDto } from "@/lib/schemas/resources";
import { deploymentDriver } from "@/lib/testing/deployment-fixtures";
import {
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, type ProblemJson, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const template = { size: "s-1vcpu-1gb", image: "ubuntu-24.04", count: 2 } as const;

describe.each(storeTargets())("deployments through HTTP, on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: string;
  const clock = new TestClock(Date.parse("2026-12-02T10:00:00.000Z"));

  beforeAll(async () => {
    runtime = await createTestRuntime(target, {
      now: clock.now,
      env: { PROVISION_DELAY_MS: "1000" },
    });
    org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
  });
  afterAll(async () => {
    await runtime.close();
  });

  const driver = () => deploymentDriver(runtime, clock, () => key);
  const runUntil = (done: () => Promise<boolean>) => driver().runUntil(done);
  const get = (id: string) => driver().get(id);

  it("plans with a per-region diff and cost, and names an unknown region", async () => {
    const plan = await call<DeploymentPlanDto>(runtime, "POST", "/v1/deployments/plan", key, 200, {
      service: "plan-only",
      template: { ...template, load_balancer: true },
      regions: ["us-east-1", "eu-west-1"],
    });
    expect(plan.id).toMatch(/^plan_/);
    expect(plan.base_deployment_id).toBeNull();
    expect(plan.regions.map((r) => r.region)).toEqual(["us-east-1", "eu-west-1"]);
    expect(plan.regions[0]?.changes).toContainEqual(
      expect.objectContaining({ action: "create", resource_type: "instance", count: 2 }),
    );
    expect(plan.regions[0]?.monthly_cost_before).toBe(0);
    expect(plan.regions[0]?.monthly_cost_after).toBeGreaterThan(0);
    expect(plan.monthly_cost_delta).toBe(2 * (plan.regions[0]?.monthly_cost_after ?? 0));
    const bad = await call<ProblemJson>(runtime, "POST", "/v1/deployments/plan", key, 422, {
      service: "plan-only",
      template,
      regions: ["us-east-1", "mars-1"],
    });
    expect(bad.detail).toContain("mars-1");
  });

  it("rolls out wave by wave, then a new revision replaces the old one blue/green", async () => {
    const first = await call<DeploymentDto>(runtime, "POST", "/v1/deployments", key, 201, {
      service: "web",
      template,
      regions: ["us-east-1", "eu-west-1"],
      strategy: { type: "rolling", bake_seconds: 5 },
    });
    expect(first.status).toBe("queued");
    expect(first.targets.map((t) => [t.region, t.wave])).toEqual([
      ["us-east-1", 0],
      ["eu-west-1", 1],
    ]);
    let sawWaveOrder = true;
    await runUntil(async () => {
      const d = await get(first.id);
      const [a, b] = d.targets;
      if (b && b.status !== "pending" && a?.status !== "succeeded") sawWaveOrder = false;
      return d.status === "succeeded";
    });
    expect(sawWaveOrder).toBe(true);
    const done = await get(first.id);
    expect(done.progress).toEqual({ total: 2, succeeded: 2, failed: 0, running: 0 });
    expect(done.targets[0]?.resources).toEqual({ desired: 2, active: 2, failed: 0 });

    const dup = await call<ProblemJson>(runtime, "POST", "/v1/deployments", key, 201, {
      service: "web",
      template: { ...template, image: "debian-12" },
      regions: ["us-east-1"],
    });
    const busy = await call<ProblemJson>(runtime, "POST", "/v1/deployments", key, 409, {
      service: "web",
      template,
      regions: ["us-east-1"],
    });
    expect(busy.code).toBe("deployment_in_progress");
    const second = dup as unknown as DeploymentDto;
    await runUntil(async () => (await get(second.id)).status === "succeeded");
    await runUntil(async () => {
      await runtime.jobs.drain();
      const list = await call<ResourceListDto>(
        runtime,
        "GET",
        "/v1/resources?label=service:web",
        key,
        200,
      );
      return list.data.length === 2;
    });
    const list = await call<ResourceListDto>(
      runtime,
      "GET",
      "/v1/resources?label=service:web",
      key,
      200,
    );
    expect(list.data.every((r) => r.labels.deployment === second.id)).toBe(true);
  });

  it("plan_stale when the base moved, and a pause holds the next wave", async () => {
    const plan = await call<DeploymentPlanDto>(runtime, "POST", "/v1/deployments/plan", key, 200, {
      service: "api",
      template,
      regions: ["us-east-1", "eu-west-1"],
    });
    const dep = await call<DeploymentDto>(runtime, "POST", "/v1/deployments", key, 201, {
      service: "api",
      template,
      regions: ["us-east-1", "eu-west-1"],
      plan_id: plan.id,
    });
    const paused = await call<DeploymentDto>(
      runtime,
      "POST",
      `/v1/deployments/${dep.id}/pause`,
      key,
      200,
    );
    expect(paused.status).toBe("paused");
    const again = await call<ProblemJson>(
      runtime,
      "POST",
      `/v1/deployments/${dep.id}/pause`,
      key,
      409,
    );
    expect(again.detail).toContain("paused");
    for (let i = 0; i < 20; i++) {
      await runtime.jobs.drain();
      clock.advance(1000);
    }
    expect((await get(dep.id)).targets.every((t) => t.status === "pending")).toBe(true);
    await call(runtime, "POST", `/v1/deployments/${dep.id}/resume`, key, 200);
    await runUntil(async () => (await get(dep.id)).status === "succeeded");
    const stale = await call<ProblemJson>(runtime, "POST", "/v1/deployments", key, 409, {
      service: "api",
      template,
      regions: ["us-east-1"],
      plan_id: plan.id,
    });
    expect(stale.code).toBe("plan_stale");
  });

  it("an unavailable region in wave 2 rolls wave 1 back and leaves the old revision serving; the creator cannot approve", async () => {
    const v1 = await call<DeploymentDto>(runtime, "POST", "/v1/deployments", key, 201, {
      service: "shop",
      template,
      regions: ["us-west-2", "eu-central-1"],
      strategy: { type: "parallel" },
    });
    await runUntil(async () => (await get(v1.id)).status === "succeeded");
    const v2 = await call<DeploymentDto>(runtime, "POST", "/v1/deployments", key, 201, {
      service: "shop",
      template: { ...template, image: "debian-12" },
      regions: ["us-west-2", "eu-central-1"],
      strategy: {
        type: "rolling",
        waves: [
          { regions: ["us-west-2"], bake_seconds: 1 },
          { regions: ["eu-central-1"], approval: { required: true } },
        ],
      },
    });
    await runUntil(async () => (await get(v2.id)).status === "awaiting_approval");
    const refused = await call<ProblemJson>(
      runtime,
      "POST",
      `/v1/deployments/${v2.id}/approve`,
      key,
      403,
    );
    expect(refused.detail).toContain("other than");
    // An operator takes eu-central-1 out while the wave waits (the admin command writes this row).
    await runtime.store.db
      .insertInto("region_overrides")
      .values({ slug: "eu-central-1", available: 0, updated_at: clock.now().toISOString() })
      .execute();
    const other = (await createTestKey(runtime, org)).secret;
    await call(runtime, "POST", `/v1/deployments/${v2.id}/approve`, other, 200);
    await runUntil(async () => (await get(v2.id)).status === "rolled_back");
    const done = await get(v2.id);
    expect(done.targets.map((t) => t.status)).toEqual(["rolled_back", "failed"]);
    await runtime.store.db.deleteFrom("region_overrides").execute();
    clock.advance(runtime.config.provisionDelayMs);
    await runtime.jobs.drain();
    const list = await call<ResourceListDto>(
      runtime,
      "GET",
      "/v1/resources?label=service:shop",
      key,
      200,
    );
    expect(list.data.map((r) => r.labels.deployment)).toEqual([v1.id, v1.id, v1.id, v1.id]);
  });

  it("set-region is stored: GET /v1/regions shows it and new resources there fail", async () => {
    await setRegionStatus(runtime.store.db, {
      region: "ap-southeast-1",
      available: false,
      now: clock.now(),
    });
    const regions = await call<{ data: { slug: string; available: boolean }[] }>(
      runtime,
      "GET",
      "/v1/regions",
      key,
      200,
    );
    expect(regions.data.find((r) => r.slug === "ap-southeast-1")?.available).toBe(false);
    const refused = await call<ProblemJson>(runtime, "POST", "/v1/resources", key, 422, {
      name: "late",
      region: "ap-southeast-1",
    });
    expect(refused.detail).toContain("ap-southeast-1");
    const plan = await call<ProblemJson>(runtime, "POST", "/v1/deployments/plan", key, 422, {
      service: "web",
      template,
      regions: ["ap-southeast-1"],
    });
    expect(plan.detail).toContain("ap-southeast-1");
    await setRegionStatus(runtime.store.db, {
      region: "ap-southeast-1",
      available: true,
      now: clock.now(),
    });
    await call(runtime, "POST", "/v1/resources", key, 201, {
      name: "back",
      region: "ap-southeast-1",
    });
  });
});
