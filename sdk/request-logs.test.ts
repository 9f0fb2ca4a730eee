import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { type ServedApi, serveApi } from "@/lib/testing/serve-api";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { type CloudClient, createClient, type RequestLog } from "./index";

describe.each(storeTargets())("client.requestLogs against the real API (%s)", (target) => {
  let runtime: TestRuntime;
  let served: ServedApi;
  let client: CloudClient;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { PROVISION_DELAY_MS: "0" } });
    served = await serveApi(runtime);
    const org = await createTestOrganization(runtime, "pro");
    const key = await createTestKey(runtime, org);
    client = createClient({ apiKey: key.secret, baseUrl: served.url });
  });
  afterAll(async () => {
    await served?.close();
    await runtime?.close();
  });

  const made = (id: string, path = "/v1/regions") =>
    client.GET(path as "/v1/regions", { headers: { "X-Request-Id": id } });

  it("list filters in the SDK's spelling; get answers the request with its trace", async () => {
    await made("req_sdkLogRegions001");
    await client.POST("/v1/resources", {
      body: { name: "sdk-logged" },
      headers: { "X-Request-Id": "req_sdkLogCreate0001" },
    });
    await runtime.usage.flush();
    const page = await client.requestLogs.list({ method: "POST", status: "2xx", limit: 5 });
    expect(page.data.map((l) => l.id)).toEqual(["req_sdkLogCreate0001"]);
    const byPath = await client.requestLogs.list({
      path: "/v1/regions",
      createdGte: "2000-01-01T00:00:00Z",
    });
    expect(byPath.data.map((l) => l.id)).toEqual(["req_sdkLogRegions001"]);
    const detail = await client.requestLogs.get("req_sdkLogCreate0001");
    expect(detail.status).toBe(201);
    expect(detail.trace.events.map((e) => e.type)).toEqual(["resource.created"]);
  });

  it("tail yields each request logged after it started once, not its own polls, and ends on abort", async () => {
    // The calls above are logged by now: a request answered before the tail but written after
    // its first poll would count as new (it was not in the log the tail started from).
    await runtime.usage.flush();
    const stop = new AbortController();
    const seen: RequestLog[] = [];
    let ready!: () => void;
    const started = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const tail = (async () => {
      for await (const log of client.requestLogs.tail({
        intervalMs: 50,
        signal: stop.signal,
        onReady: ready,
      })) {
        seen.push(log);
      }
    })();
    await started;
    await made("req_sdkTailAfter0001");
    await runtime.usage.flush();
    await expect
      .poll(() => seen.map((l) => l.id), { timeout: 10_000 })
      .toContain("req_sdkTailAfter0001");
    // More polls, their own logs written: still nothing else.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await runtime.usage.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop.abort();
    await tail;
    expect(seen.map((l) => l.id)).toEqual(["req_sdkTailAfter0001"]);
  });
});
