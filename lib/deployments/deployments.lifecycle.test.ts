import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BillingSummaryDto } from "@/lib/schemas/billing";
import type { DeploymentDto } from "@/lib/schemas/deployments";
import type { ResourceListDto } from "@/lib/schemas/resources";
import { deploymentDriver } from "@/lib/testing/deployment-fixtures";
import {
  createTestKey,
  createTestOrganization,
  memberToken,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, type ProblemJson, TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const template = { size: "s-1vcpu-1gb", image: "ubuntu-24.04", count: 2 } as const;
const PROVISION_MS = 3000;

describe.each(storeTargets())("deployment lifecycle through HTTP, on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: string;
  const clock = new TestClock(Date.parse("2026-12-02T10:00:00.000Z"));
  const driver = () => deploymentDriver(runtime, clock, () => key);
  const create = (body: Record<string, unknown>, secret = key, headers?: Record<string, string>) =>
    call<DeploymentDto>(runtime, "POST", "/v1/deployments", secret, 201, body, headers);
  const resourcesOf = async (service: string, secret = key) =>
    (
      await call<ResourceListDto>(
        runtime,
        "GET",
        `/v1/resources?label=service:${service}`,
        secret,
        200,
      )
    ).data;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, {
      now: clock.now,
      env: { PROVISION_DELAY_MS: String(PROVISION_MS) },
    });
    // Enterprise: driving the clock in small steps sends many requests a minute.
    org = await createTestOrganization(runtime, "enterprise");
    key = (await createTestKey(runtime, org)).secret;
  });
  afterAll(async () => {
    await runtime.close();
  });

  it("a target not healthy within progress_deadline_seconds fails and is rolled back", async () => {
    const dep = await create({
      service: "slow",
      template,
      regions: ["us-east-1", "eu-west-1"],
      // Shorter than the provisioning delay: the first region can never become healthy in time.
      progress_deadline_seconds: 1,
    });
    const done = await driver().untilStatus(dep.id, "rolled_back");
    expect(done.targets.map((t) => t.status)).toEqual(["rolled_back", "skipped"]);
    expect(done.failure_reason).toContain("progress_deadline_seconds");
    const failedStep = done.targets[0]?.steps.find((s) => s.status === "failed");
    expect(failedStep?.name).toBe("health_check");
    await driver().runUntil(async () => (await resourcesOf("slow")).length === 0);
  });

  it("cancel mid-wave skips what has not started, removes what it made and ends canceled", async () => {
    const dep = await create({
      service: "cancelled",
      template,
      regions: ["us-east-1", "eu-west-1"],
    });
    await driver().runUntil(
      async () => (await driver().get(dep.id)).targets[0]?.status === "in_progress",
    );
    const answer = await call<DeploymentDto>(
      runtime,
      "POST",
      `/v1/deployments/${dep.id}/cancel`,
      key,
      200,
    );
    expect(["rolling_back", "canceled"]).toContain(answer.status);
    const done = await driver().untilStatus(dep.id, "canceled");
    expect(done.targets.map((t) => t.status)).toEqual(["rolled_back", "skipped"]);
    const again = await call<ProblemJson>(
      runtime,
      "POST",
      `/v1/deployments/${dep.id}/cancel`,
      key,
      409,
    );
    expect(again.detail).toContain("canceled");
    await driver().runUntil(async () => (await resourcesOf("cancelled")).length === 0);
    // The service is free again: a new deployment is accepted.
    const next = await create({ service: "cancelled", template, regions: ["us-east-1"] });
    await driver().untilStatus(next.id, "succeeded");
  });

  it("rollback of a finished deployment redeploys the previous succeeded revision as a new one", async () => {
    const v1 = await create({ service: "back", template, regions: ["us-west-2"] });
    await driver().untilStatus(v1.id, "succeeded");
    const v2 = await create({
      service: "back",
      template: { ...template, image: "debian-12" },
      regions: ["us-west-2"],
    });
    await driver().untilStatus(v2.id, "succeeded");
    const v3 = await call<DeploymentDto>(
      runtime,
      "POST",
      `/v1/deployments/${v2.id}/rollback`,
      key,
      200,
    );
    expect(v3.id).not.toBe(v2.id);
    expect(v3.rollback_of).toBe(v2.id);
    expect(v3.revision).toBe(3);
    expect(v3.base_deployment_id).toBe(v2.id);
    expect(v3.template.image).toBe("ubuntu-24.04");
    await driver().untilStatus(v3.id, "succeeded");
    await driver().runUntil(async () => {
      const list = await resourcesOf("back");
      return list.length === 2 && list.every((r) => r.labels.deployment === v3.id);
    });
    const images = (await resourcesOf("back")).map(
      (r) => (r.spec as { image?: string } | undefined)?.image,
    );
    expect(images).toEqual(["ubuntu-24.04", "ubuntu-24.04"]);
    // v1 has no earlier revision to go back to.
    const none = await call<ProblemJson>(
      runtime,
      "POST",
      `/v1/deployments/${v1.id}/rollback`,
      key,
      409,
    );
    expect(none.detail).toContain("no earlier succeeded revision");
  });

  it("the same Idempotency-Key replays the creation: one deployment, the same id", async () => {
    const body = { service: "idem", template, regions: ["us-east-1"] };
    const headers = { "Idempotency-Key": `dep-idem-${target}` };
    const first = await create(body, key, headers);
    const again = await create(body, key, headers);
    expect(again.id).toBe(first.id);
    const list = await call<{ data: DeploymentDto[] }>(
      runtime,
      "GET",
      "/v1/deployments?service=idem",
      key,
      200,
    );
    expect(list.data.map((d) => d.id)).toEqual([first.id]);
    // Another key is another creation, refused while the first is active.
    const busy = await call<ProblemJson>(runtime, "POST", "/v1/deployments", key, 409, body, {
      "Idempotency-Key": `dep-idem-other-${target}`,
    });
    expect(busy.code).toBe("deployment_in_progress");
    await driver().untilStatus(first.id, "succeeded");
  });

  it("approval: the creator and a viewer are refused, another developer approves", async () => {
    const owner = await memberToken(runtime, org, "owner");
    const developer = await memberToken(runtime, org, "developer");
    const viewer = await memberToken(runtime, org, "viewer");
    const dep = await create(
      {
        service: "gated",
        template,
        regions: ["us-east-1", "eu-west-1"],
        strategy: {
          type: "rolling",
          waves: [
            { regions: ["us-east-1"], bake_seconds: 1 },
            { regions: ["eu-west-1"], approval: { required: true } },
          ],
        },
      },
      owner,
    );
    expect(dep.created_by).toBe(org.userId);
    const waiting = await driver().untilStatus(dep.id, "awaiting_approval");
    expect(waiting.targets.map((t) => t.status)).toEqual(["succeeded", "pending"]);
    const path = `/v1/deployments/${dep.id}/approve`;
    const byCreator = await call<ProblemJson>(runtime, "POST", path, owner, 403);
    expect(byCreator.detail).toContain("other than");
    // A key the creator made acts as the creator.
    const creatorKey = await call<{ secret: string }>(runtime, "POST", "/v1/api-keys", owner, 201, {
      name: "owner's CI",
      scopes: ["deployments:write"],
    });
    await call<ProblemJson>(runtime, "POST", path, creatorKey.secret, 403);
    const byViewer = await call<ProblemJson>(runtime, "POST", path, viewer, 403);
    expect(byViewer.detail).toContain("deployments:write");
    // Still waiting: nothing the refusals did moved it.
    clock.advance(5000);
    await runtime.jobs.drain();
    expect((await driver().get(dep.id)).status).toBe("awaiting_approval");
    const approved = await call<DeploymentDto>(runtime, "POST", path, developer, 200);
    expect(approved.status).toBe("in_progress");
    expect(approved.waves[1]?.approved_by).not.toBeNull();
    const again = await call<ProblemJson>(runtime, "POST", path, developer, 409);
    expect(again.detail).toContain("in_progress");
    const done = await driver().untilStatus(dep.id, "succeeded");
    expect(done.targets.map((t) => t.status)).toEqual(["succeeded", "succeeded"]);
  });

  it("sandbox deployments are isolated from live and never billed", async () => {
    // Its own organization, so the bill holds nothing but what this test made.
    const sandboxOrg = await createTestOrganization(runtime, "enterprise");
    const liveKey = (await createTestKey(runtime, sandboxOrg)).secret;
    const testKey = (await createTestKey(runtime, sandboxOrg, { environment: "test" })).secret;
    const dep = await create(
      { service: "web", template, regions: ["us-east-1", "eu-west-1"] },
      testKey,
    );
    expect(dep.revision).toBe(1);
    await driver().untilStatus(dep.id, "succeeded", testKey);
    expect(await resourcesOf("web", testKey)).toHaveLength(4);
    expect(await resourcesOf("web", liveKey)).toHaveLength(0);
    await call<ProblemJson>(runtime, "GET", `/v1/deployments/${dep.id}`, liveKey, 404);
    const liveList = await call<{ data: DeploymentDto[] }>(
      runtime,
      "GET",
      "/v1/deployments",
      liveKey,
      200,
    );
    expect(liveList.data).toEqual([]);
    // Live plans its first revision: the sandbox's service does not exist there.
    const livePlan = await call<{ base_deployment_id: string | null }>(
      runtime,
      "POST",
      "/v1/deployments/plan",
      liveKey,
      200,
      { service: "web", template, regions: ["us-east-1"] },
    );
    expect(livePlan.base_deployment_id).toBeNull();
    // A day of four running sandbox instances costs nothing.
    clock.advance(24 * 3600 * 1000);
    const summary = await call<BillingSummaryDto>(
      runtime,
      "GET",
      "/v1/billing/summary",
      liveKey,
      200,
    );
    const resourceLines = summary.month_to_date.line_items.filter((l) =>
      l.metric.startsWith("instance"),
    );
    expect(resourceLines.reduce((sum, l) => sum + l.amount_cents, 0)).toBe(0);
    expect(summary.forecast.line_items.filter((l) => l.metric.startsWith("instance"))).toHaveLength(
      0,
    );
  });
});
