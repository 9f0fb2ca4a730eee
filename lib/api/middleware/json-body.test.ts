import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

// Bodies are written as JSON text: a lone surrogate only exists as a \uXXXX escape in it.
const LONE = "\\ud800";
const LONE_LOW = "\\uDC00";
const PAIR = "\\ud83d\\ude00";

describe.each(storeTargets())("JSON bodies on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: string;

  const send = (method: string, path: string, body: string) =>
    apiRequest(runtime, method, path, { key, body });

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { env: { WEBHOOK_ALLOW_PRIVATE_URLS: "1" } });
    org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
  });
  afterAll(() => runtime.close());

  it.each([
    ["POST", "/v1/resources", `{"name":"x${LONE}y"}`, "name"],
    ["POST", "/v1/resources", `{"name":"ok","labels":{"env":"a${LONE_LOW}"}}`, "labels.env"],
    ["POST", "/v1/resources", `{"name":"ok","labels":{"e${LONE}":"a"}}`, "labels"],
    ["POST", "/v1/resources", `{"name":"${PAIR}${LONE}"}`, "name"],
    [
      "POST",
      "/v1/load-balancers",
      `{"name":"lb","spec":{"targets":["res_a","res_${LONE}"]}}`,
      "spec.targets.1",
    ],
    [
      "POST",
      "/v1/webhook-endpoints",
      `{"url":"https://example.com/h","description":"d${LONE}"}`,
      "description",
    ],
    ["POST", "/v1/api-keys", `{"name":"k${LONE}"}`, "name"],
    ["POST", "/v1/api-keys", `{"unknown_field":"${LONE}"}`, "unknown_field"],
  ])("refuses a lone surrogate: %s %s %s names %s", async (method, path, body, field) => {
    const res = await send(method, path, body);
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem).toMatchObject({ status: 422, code: "validation_failed" });
    expect(problem.errors).toEqual([
      { field, code: "invalid_unicode", message: expect.stringContaining(field) },
    ]);
  });

  it("refuses it on PATCH as well, and leaves the object as it was", async () => {
    const created = await send("POST", "/v1/resources", '{"name":"before","type":"bucket"}');
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const res = await send("PATCH", `/v1/resources/${id}`, `{"name":"after${LONE}"}`);
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).errors?.[0]?.field).toBe("name");
    const stored = await apiRequest(runtime, "GET", `/v1/resources/${id}`, { key });
    expect(((await stored.json()) as { name: string }).name).toBe("before");
  });

  it("keeps a valid surrogate pair (an emoji) exactly as sent", async () => {
    const res = await send("POST", "/v1/resources", `{"name":"db ${PAIR}","type":"bucket"}`);
    expect(res.status).toBe(201);
    const { id, name } = (await res.json()) as { id: string; name: string };
    expect(name).toBe("db \u{1F600}");
    const stored = await apiRequest(runtime, "GET", `/v1/resources/${id}`, { key });
    expect(((await stored.json()) as { name: string }).name).toBe("db \u{1F600}");
  });

  it("walks deeply nested bodies without overflowing", async () => {
    const depth = 200_000;
    const res = await send(
      "POST",
      "/v1/resources",
      `${"[".repeat(depth)}"${LONE}"${"]".repeat(depth)}`,
    );
    expect(res.status).toBe(422);
    const field = ((await res.json()) as Problem).errors?.[0]?.field ?? "";
    expect(field.split(".")).toHaveLength(depth);
  });
});
