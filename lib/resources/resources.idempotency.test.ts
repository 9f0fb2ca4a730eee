import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResourceDto } from "@/lib/schemas/resources";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  systemPrincipal,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { TestClock } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { createResource } from "./create-resource";

describe.each(storeTargets())("idempotent resource creation, on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: string;
  const clock = new TestClock();

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: clock.now });
    org = await createTestOrganization(runtime, "pro");
    key = (await createTestKey(runtime, org)).secret;
  });
  afterAll(() => runtime.close());

  const post = (name: string, idempotencyKey: string, path = "/v1/resources") =>
    apiRequest(runtime, "POST", path, {
      key,
      body: { name },
      headers: { "Idempotency-Key": idempotencyKey },
    });
  const countNamed = async (name: string) =>
    (
      await runtime.store.db
        .selectFrom("resources")
        .select("id")
        .where("project_id", "=", org.projectId)
        .where("name", "=", name)
        .execute()
    ).length;

  it("replays the first answer for a retry with the same key", async () => {
    const first = await post("once", "key-once");
    expect(first.status).toBe(201);
    const body = (await first.json()) as ResourceDto;
    const retry = await post("once", "key-once");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(((await retry.json()) as ResourceDto).id).toBe(body.id);
    expect(await countNamed("once")).toBe(1);
    const row = await runtime.store.db
      .selectFrom("resources")
      .select("idempotency_key")
      .where("id", "=", body.id)
      .executeTakeFirstOrThrow();
    expect(row.idempotency_key).toBe("key-once");
  });

  it("returns the resource already made when the stored answer was lost (crash mid-request)", async () => {
    const first = await post("crash", "key-crash");
    const created = (await first.json()) as ResourceDto;
    // As if the process died after committing the resource but before storing the answer, and
    // the in-flight lease has run out: the retry runs the handler again.
    await runtime.store.db
      .updateTable("idempotency_keys")
      .set({
        response_status: null,
        response_body: null,
        response_headers: null,
        locked_until: new Date(clock.now().getTime() - 1000).toISOString(),
      })
      .where("idempotency_key", "=", "key-crash")
      .execute();
    const retry = await post("crash", "key-crash");
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect(((await retry.json()) as ResourceDto).id).toBe(created.id);
    expect(await countNamed("crash")).toBe(1);
    // The typed route shares the key space of the project.
    await runtime.store.db
      .deleteFrom("idempotency_keys")
      .where("idempotency_key", "=", "key-crash")
      .execute();
    const viaTyped = await post("crash", "key-crash", "/v1/instances");
    expect(((await viaTyped.json()) as ResourceDto).id).toBe(created.id);
  });

  it("creates exactly one resource for concurrent identical requests", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => post("burst", "key-burst")));
    const statuses = answers.map((a) => a.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    const ids = new Set<string>();
    for (const answer of answers) {
      if (answer.status === 201) ids.add(((await answer.json()) as ResourceDto).id);
    }
    expect(ids.size).toBe(1);
    expect(await countNamed("burst")).toBe(1);
  });

  it("holds at the store level too: the unique key makes a second create return the first", async () => {
    const ctx = () => ({ db: runtime.store.db, principal: systemPrincipal(org), now: clock.now() });
    const input = { name: "domain", idempotencyKey: "key-domain", provisionDelayMs: 0 };
    const [a, b] = await Promise.all([createResource(ctx(), input), createResource(ctx(), input)]);
    expect(a.row.id).toBe(b.row.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await countNamed("domain")).toBe(1);
    // Other environments and keys are separate.
    const sandbox = await createResource(
      { db: runtime.store.db, principal: systemPrincipal(org, "test"), now: clock.now() },
      input,
    );
    expect(sandbox.row.id).not.toBe(a.row.id);
    const other = await createResource(ctx(), { ...input, idempotencyKey: "key-domain-2" });
    expect(other.row.id).not.toBe(a.row.id);
  });

  it("treats a key as new after 24 hours, as the idempotency layer does", async () => {
    const first = (await (await post("daily", "key-daily")).json()) as ResourceDto;
    clock.advance(25 * 60 * 60 * 1000);
    const later = await post("daily", "key-daily");
    expect(later.status).toBe(201);
    expect(((await later.json()) as ResourceDto).id).not.toBe(first.id);
    expect(await countNamed("daily")).toBe(2);
  });
});
