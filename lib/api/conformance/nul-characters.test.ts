import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

/**
 * PostgreSQL text cannot hold U+0000, so a NUL in an id, a filter or a body string must be refused
 * at the door with the same 400 on both stores (the fuzz test found GET /v1/api-keys/%00 -> 500).
 */
describe.each(storeTargets())("NUL characters on %s", (target) => {
  let runtime: TestRuntime;
  let key: string;

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { PROVISION_DELAY_MS: "0" } });
    const org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
  });

  afterAll(async () => {
    await runtime.close();
  });

  async function expectBadRequest(res: Response): Promise<void> {
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.parse(text)).toMatchObject({ code: "bad_request", status: 400 });
  }

  it("refuses %00 in a path or a query, before anything reads the store", async () => {
    for (const path of [
      "/v1/api-keys/%00",
      "/v1/resources/res_%00abc",
      "/v1/webhook-endpoints/%00",
      "/v1/resources?name=a%00b",
      "/v1/events?object_id=%00",
    ]) {
      await expectBadRequest(await apiRequest(runtime, "GET", path, { key }));
    }
    await expectBadRequest(await apiRequest(runtime, "GET", "/v1/api-keys/%00"));
  });

  it("refuses a \\u0000 escape in a JSON body, and keeps an escaped backslash before u0000", async () => {
    await expectBadRequest(
      await apiRequest(runtime, "POST", "/v1/resources", {
        key,
        body: '{"type":"volume","name":"a\\u0000b"}',
      }),
    );
    const fine = await apiRequest(runtime, "POST", "/v1/resources", {
      key,
      body: { type: "volume", name: "plain-name", labels: { note: "\\u0000" } },
    });
    expect(fine.status, await fine.clone().text()).toBe(201);
    const created = (await fine.json()) as { labels: Record<string, string> };
    expect(created.labels.note).toBe("\\u0000");
  });
});
