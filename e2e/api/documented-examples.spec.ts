import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { type APIResponse, expect, test } from "@playwright/test";

/**
 * The published docs' curl examples, sent over real HTTP to the production build, with the
 * documented headers; the answers must have the documented status codes and shapes.
 */

const dataDir = process.env.E2E_DATA_DIR ?? ".data-e2e";
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** The admin CLI on the server's own SQLite file (a second process is fine in WAL mode). */
function admin(args: string[]): string[] {
  const output = execFileSync("npm", ["run", "--silent", "admin", "--", ...args], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: "", LOG_LEVEL: "error" },
    encoding: "utf8",
    timeout: 90_000,
  });
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

let apiKey: string;
const auth = () => ({ Authorization: `Bearer ${apiKey}` });

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  const suffix = randomBytes(4).toString("hex");
  const userLine = admin([
    "create-user",
    "--email",
    `e2e-api-${suffix}@example.com`,
    "--password",
    `e2e-password-${suffix}`,
    "--org",
    `E2E API ${suffix}`,
  ]).find((line) => line.startsWith("{"));
  const user = JSON.parse(userLine ?? "{}") as { organization?: string };
  expect(user.organization).toBeTruthy();
  const keyLine = admin([
    "create-key",
    "--org",
    user.organization as string,
    "--env",
    "live",
    "--scopes",
    "all",
    "--name",
    "e2e documented examples",
  ]).find((line) => line.startsWith("sk_live_"));
  expect(keyLine).toBeTruthy();
  apiKey = keyLine as string;
});

async function expectApiHeaders(res: APIResponse): Promise<void> {
  const headers = res.headers();
  expect(headers["x-request-id"]).toMatch(/^req_/);
  expect(headers["cache-control"]).toBe("no-store");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(Number(headers["x-ratelimit-limit"])).toBeGreaterThan(0);
  expect(headers["x-ratelimit-remaining"]).toMatch(/^\d+$/);
  expect(headers["x-ratelimit-reset"]).toMatch(/^\d+$/);
}

async function expectProblem(res: APIResponse, status: number, code: string) {
  expect(res.status()).toBe(status);
  expect(res.headers()["content-type"]).toBe("application/problem+json");
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  expect(body.request_id).toBe(res.headers()["x-request-id"]);
  return body;
}

let created: { id: string; name: string };

test("GET /v1/instances (Overview example) lists instances", async ({ request }) => {
  const res = await request.get("/v1/instances", {
    headers: { ...auth(), "Content-Type": "application/json" },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  await expectApiHeaders(res);
  const body = (await res.json()) as { data: unknown[]; meta: Record<string, unknown> };
  expect(Array.isArray(body.data)).toBe(true);
  expect(body.meta).toMatchObject({ page: 1, per_page: 25 });
  expect(typeof body.meta.total).toBe("number");
});

test("POST /v1/resources creates the documented resource: 201 provisioning", async ({
  request,
}) => {
  const res = await request.post("/v1/resources", {
    headers: { ...auth(), "Content-Type": "application/json" },
    data: '{\n    "name": "Analytics Pipeline",\n    "region": "eu-west-1"\n  }',
  });
  expect(res.status()).toBe(201);
  await expectApiHeaders(res);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({
    name: "Analytics Pipeline",
    status: "provisioning",
    region: "eu-west-1",
  });
  expect(body.id).toMatch(/^res_[A-Za-z0-9]+$/);
  expect(body.created_at).toMatch(ISO_UTC);
  created = body as { id: string; name: string };
});

test("GET /v1/resources (documented list) pages by creation date", async ({ request }) => {
  const res = await request.get("/v1/resources", {
    headers: { ...auth(), "Content-Type": "application/json" },
  });
  expect(res.status()).toBe(200);
  await expectApiHeaders(res);
  const body = (await res.json()) as {
    data: Array<Record<string, unknown>>;
    meta: { page: number; per_page: number; total: number };
  };
  expect(body.meta).toMatchObject({ page: 1, per_page: 25 });
  expect(body.meta.total).toBeGreaterThanOrEqual(1);
  const first = body.data[0] as Record<string, unknown>;
  expect(first).toMatchObject({ id: created.id, name: "Analytics Pipeline" });
  expect(first.status).toMatch(/^(provisioning|active)$/);
  expect(first.created_at).toMatch(ISO_UTC);

  const paged = await request.get("/v1/resources?page=2&per_page=50", { headers: auth() });
  expect(paged.status()).toBe(200);
  expect(((await paged.json()) as { meta: unknown }).meta).toMatchObject({
    page: 2,
    per_page: 50,
  });
});

test("GET /v1/resources/{id} returns the resource, which becomes active", async ({ request }) => {
  const res = await request.get(`/v1/resources/${created.id}`, { headers: auth() });
  expect(res.status()).toBe(200);
  await expectApiHeaders(res);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ id: created.id, name: "Analytics Pipeline", region: "eu-west-1" });
  expect(body.created_at).toMatch(ISO_UTC);
  expect(body.updated_at).toMatch(ISO_UTC);
  // A durable background job finishes provisioning (PROVISION_DELAY_MS in the e2e server).
  await expect
    .poll(
      async () => {
        const again = await request.get(`/v1/resources/${created.id}`, { headers: auth() });
        return ((await again.json()) as { status: string }).status;
      },
      { timeout: 20_000, intervals: [250, 500, 1000] },
    )
    .toBe("active");
});

test("DELETE /v1/resources/{id} answers 204 with no body, then GET is 404", async ({ request }) => {
  const res = await request.delete(`/v1/resources/${created.id}`, { headers: auth() });
  expect(res.status()).toBe(204);
  expect((await res.body()).byteLength).toBe(0);
  const gone = await request.get(`/v1/resources/${created.id}`, { headers: auth() });
  await expectProblem(gone, 404, "not_found");
  const again = await request.delete(`/v1/resources/${created.id}`, { headers: auth() });
  await expectProblem(again, 404, "not_found");
});

test("POST /v1/resources without a name answers 422 with errors", async ({ request }) => {
  const res = await request.post("/v1/resources", {
    headers: { ...auth(), "Content-Type": "application/json" },
    data: '{"region": "eu-west-1"}',
  });
  const body = await expectProblem(res, 422, "validation_failed");
  const errors = body.errors as Array<{ field: string; code: string; message: string }>;
  expect(errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ field: "name", code: "required" })]),
  );
});

test("the documented errors: 401 without a key, with WWW-Authenticate", async ({ request }) => {
  const res = await request.get("/v1/resources");
  expect(res.headers()["www-authenticate"]).toMatch(/^Bearer/);
  await expectProblem(res, 401, "unauthorized");
});

test("Idempotency-Key over real HTTP: a retried POST replays the first answer", async ({
  request,
}) => {
  const headers = {
    ...auth(),
    "Content-Type": "application/json",
    "Idempotency-Key": `e2e-${randomBytes(6).toString("hex")}`,
  };
  const data = JSON.stringify({ name: "Idempotent e2e", region: "eu-west-1" });
  const first = await request.post("/v1/resources", { headers, data });
  expect(first.status()).toBe(201);
  const retry = await request.post("/v1/resources", { headers, data });
  expect(retry.status()).toBe(201);
  expect(retry.headers()["idempotent-replayed"]).toBe("true");
  expect(await retry.text()).toBe(await first.text());
});

test("GET /v1/openapi.json is public over real HTTP", async ({ request }) => {
  const res = await request.get("/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining(["/v1/resources", "/v1/resources/{id}", "/v1/instances"]),
  );
});
