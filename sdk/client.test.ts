import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { type ServedApi, serveApi } from "@/lib/testing/serve-api";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { CloudApiError, type CloudClient, CloudWaitError, createClient } from "./index";

describe.each(storeTargets())("the SDK against the real API (%s)", (target) => {
  let runtime: TestRuntime;
  let served: ServedApi;
  let client: CloudClient;
  let sandbox: CloudClient;
  let liveKey: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { PROVISION_DELAY_MS: "0" } });
    served = await serveApi(runtime);
    const org = await createTestOrganization(runtime, "pro");
    const live = await createTestKey(runtime, org);
    const test = await createTestKey(runtime, org, { environment: "test" });
    liveKey = live.secret;
    client = createClient({ apiKey: live.secret, baseUrl: served.url });
    sandbox = createClient({ apiKey: test.secret, baseUrl: served.url, sandbox: true });
  });
  afterAll(async () => {
    await served?.close();
    await runtime?.close();
  });

  it("creates, reads, updates and deletes a resource with typed answers", async () => {
    const { data: created, response } = await client.POST("/v1/resources", {
      body: { name: "sdk-web", region: "eu-west-1", labels: { team: "sdk" } },
    });
    expect(response.status).toBe(201);
    expect(created).toMatchObject({
      type: "instance",
      status: "provisioning",
      region: "eu-west-1",
    });
    const { data: fetched } = await client.GET("/v1/resources/{id}", {
      params: { path: { id: created.id } },
    });
    expect(fetched.name).toBe("sdk-web");
    const { data: renamed } = await client.PATCH("/v1/resources/{id}", {
      params: { path: { id: created.id } },
      body: { name: "sdk-web-2" },
    });
    expect(renamed.name).toBe("sdk-web-2");
    const deleted = await client.DELETE("/v1/resources/{id}", {
      params: { path: { id: created.id } },
    });
    expect(deleted.response.status).toBe(204);
  });

  it("takes its key and URL from CLOUD_API_KEY and CLOUD_API_URL when none are given", async () => {
    vi.stubEnv("CLOUD_API_KEY", liveKey);
    vi.stubEnv("CLOUD_API_URL", `${served.url}/`);
    try {
      const fromEnv = createClient();
      expect(fromEnv.baseUrl).toBe(served.url);
      const { data } = await fromEnv.GET("/v1/rate-limits");
      expect(data.environment).toBe("live");
      // Options beat the environment.
      const wrongKey = createClient({ apiKey: "sk_live_notakey" });
      await expect(wrongKey.GET("/v1/rate-limits")).rejects.toMatchObject({ status: 401 });
      expect(createClient({ baseUrl: "http://127.0.0.1:9" }).baseUrl).toBe("http://127.0.0.1:9");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("sends an Idempotency-Key with each POST: a replay with the same key creates nothing new", async () => {
    const first = await client.POST("/v1/resources", {
      body: { name: "sdk-idem" },
      idempotencyKey: "sdk-test-idem-1",
    });
    const again = await client.POST("/v1/resources", {
      body: { name: "sdk-idem" },
      idempotencyKey: "sdk-test-idem-1",
    });
    expect(again.data.id).toBe(first.data.id);
    expect(again.response.headers.get("idempotent-replayed")).toBe("true");
    const generated = await client.POST("/v1/resources", { body: { name: "sdk-idem" } });
    expect(generated.data.id).not.toBe(first.data.id);
  });

  it("throws one CloudApiError with status, code, detail, field errors and request id", async () => {
    const error = (await client
      .POST("/v1/resources", { body: { name: "" } })
      .catch((e: unknown) => e)) as CloudApiError;
    expect(error).toBeInstanceOf(CloudApiError);
    expect(error.status).toBe(422);
    expect(error.code).toBe("validation_failed");
    expect(error.errors[0]).toMatchObject({ field: "name" });
    expect(error.requestId).toMatch(/^req_/);
    expect(error.detail).toContain("name");

    const missing = (await client
      .GET("/v1/resources/{id}", { params: { path: { id: "res_doesnotexist000" } } })
      .catch((e: unknown) => e)) as CloudApiError;
    expect(missing).toMatchObject({ status: 404, code: "not_found" });

    const anonymous = createClient({ apiKey: "sk_live_nope", baseUrl: served.url });
    await expect(anonymous.GET("/v1/regions")).rejects.toMatchObject({
      status: 401,
      code: "unauthorized",
    });
  });

  it("pages through a list past its first page with paginate()", async () => {
    const names = ["p-1", "p-2", "p-3", "p-4", "p-5"];
    for (const name of names) {
      await sandbox.POST("/v1/resources", { body: { name, labels: { batch: "paginate" } } });
    }
    await sandbox.POST("/v1/resources", { body: { name: "other" } });
    const seen: string[] = [];
    for await (const resource of sandbox.paginate(
      "/v1/resources",
      { label: "batch:paginate" },
      { pageSize: 2 },
    )) {
      seen.push(resource.name);
    }
    expect(seen).toEqual([...names].reverse());
  });

  it("waits for a resource to become active", async () => {
    const { data } = await client.POST("/v1/resources", { body: { name: "sdk-wait" } });
    const polled: string[] = [];
    let drained: Promise<unknown> = Promise.resolve();
    const active = await client.waitFor(data.id as `res_${string}`, "active", {
      intervalMs: 20,
      timeoutMs: 20_000,
      onPoll: (object) => {
        polled.push(object.status);
        // The provisioning job runs when the test says so (no background loop in tests).
        if (polled.length === 1) drained = runtime.jobs.drain();
      },
    });
    expect(active.status).toBe("active");
    expect(active.id).toBe(data.id);
    expect(polled[0]).toBe("provisioning");
    await drained;
  });

  it("waitFor gives up after its timeout with the last status seen", async () => {
    const { data } = await client.POST("/v1/resources", { body: { name: "sdk-timeout" } });
    const error = await client
      .waitFor(data, "stopped", { intervalMs: 20, timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudWaitError);
    expect(error).toMatchObject({ reason: "timeout", last: { status: "provisioning" } });
  });
});
