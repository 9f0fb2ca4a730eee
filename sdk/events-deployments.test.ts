import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { type ServedApi, serveApi } from "@/lib/testing/serve-api";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { type ApiEvent, CloudApiError, type CloudClient, createClient } from "./index";

describe.each(storeTargets())("SDK events and deployments against the real API (%s)", (target) => {
  let runtime: TestRuntime;
  let served: ServedApi;
  let client: CloudClient;
  let approver: CloudClient;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, {
      startJobs: true,
      env: { PROVISION_DELAY_MS: "0" },
    });
    served = await serveApi(runtime);
    const org = await createTestOrganization(runtime, "pro");
    client = createClient({
      apiKey: (await createTestKey(runtime, org)).secret,
      baseUrl: served.url,
    });
    approver = createClient({
      apiKey: (await createTestKey(runtime, org, { name: "approver" })).secret,
      baseUrl: served.url,
    });
  });
  afterAll(async () => {
    await served?.close();
    await runtime?.close();
  });

  it("lists events with filters, gets one, catches up with after, and lists event types", async () => {
    const { data: a } = await client.POST("/v1/resources", { body: { name: "sdk-ev-a" } });
    const { data: b } = await client.POST("/v1/resources", { body: { name: "sdk-ev-b" } });
    const page = await client.events.list({ types: ["resource.created"], objectId: a.id });
    expect(page.data.map((e) => [e.type, e.object_id])).toEqual([["resource.created", a.id]]);
    const first = page.data[0]!;
    expect(await client.events.get(first.id)).toEqual(first);
    const after = await client.events.list({ after: first.id, types: ["resource.created"] });
    expect(after.data.map((e) => e.object_id)).toEqual([b.id]);
    const types = await client.events.types();
    expect(types.data.map((t) => t.type)).toEqual(
      expect.arrayContaining(["resource.created", "deployment.succeeded"]),
    );
    const missing = await client.events.get("evt_doesnotexist0000").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(CloudApiError);
    expect(missing).toMatchObject({ status: 404 });
  });

  it("streams an event about a resource created after the stream opened", async () => {
    const controller = new AbortController();
    const seen: ApiEvent[] = [];
    const reading = (async () => {
      for await (const event of client.events.stream({
        types: ["resource.created"],
        signal: controller.signal,
      })) {
        seen.push(event);
        if (event.data.name === "sdk-live") controller.abort();
      }
    })();
    // The stream answers before it sees this create: give the connection a moment to open.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { data } = await client.POST("/v1/resources", { body: { name: "sdk-live" } });
    await reading;
    expect(seen.at(-1)).toMatchObject({ type: "resource.created", object_id: data.id });
  });

  const input = {
    service: "sdk-web",
    template: { size: "s-1vcpu-1gb", image: "ubuntu-24.04", count: 1 },
    regions: ["us-east-1", "eu-west-1"],
  } as const;

  it("plans, creates, lists and waits for a deployment to succeed", async () => {
    const plan = await client.deployments.plan({ ...input, regions: [...input.regions] });
    expect(plan.regions.map((r) => r.region)).toEqual(["us-east-1", "eu-west-1"]);
    const created = await client.deployments.create({
      ...input,
      regions: [...input.regions],
      plan_id: plan.id,
    });
    expect(created.status).toBe("queued");
    const statuses: string[] = [];
    const done = await client.deployments.waitFor(created, {
      intervalMs: 20,
      timeoutMs: 30_000,
      onProgress: (d) => statuses.push(d.status),
    });
    expect(done.status).toBe("succeeded");
    expect(done.progress).toMatchObject({ total: 2, succeeded: 2 });
    expect(statuses.at(-1)).toBe("succeeded");
    expect((await client.deployments.get(created.id)).status).toBe("succeeded");
    const list = await client.deployments.list({ service: "sdk-web" });
    expect(list.data.map((d) => d.id)).toEqual([created.id]);
    // The generic waitFor types a dep_ id as a Deployment.
    const same = await client.waitFor(created.id as `dep_${string}`, "succeeded");
    expect(same.targets).toHaveLength(2);
  });

  it("pauses, resumes, approves a gated wave (another key), and answers a terminal status", async () => {
    const gated = await client.deployments.create({
      service: "sdk-gated",
      template: { count: 1 },
      regions: ["us-west-2", "eu-central-1"],
      strategy: {
        type: "rolling",
        waves: [
          { regions: ["us-west-2"] },
          { regions: ["eu-central-1"], approval: { required: true } },
        ],
      },
    });
    const paused = await client.deployments.pause(gated.id);
    expect(paused.status).toBe("paused");
    expect((await client.deployments.resume(gated.id)).status).not.toBe("paused");
    let approved = false;
    const done = await client.deployments.waitFor(gated.id, {
      intervalMs: 20,
      timeoutMs: 30_000,
      onProgress: (d) => {
        if (d.status === "awaiting_approval" && !approved) {
          approved = true;
          void approver.deployments.approve(d.id);
        }
      },
    });
    expect(approved).toBe(true);
    expect(done.status).toBe("succeeded");
    const conflict = await client.deployments.cancel(gated.id).catch((e: unknown) => e);
    expect(conflict).toMatchObject({ status: 409 });
  });
});
