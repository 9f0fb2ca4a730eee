import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimIdempotencyKey } from "@/lib/idempotency/claim-key";
import { IDEMPOTENCY_CLEANUP_JOB } from "@/lib/idempotency/cleanup-job";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { mountTestOnlyRoutes, type TestOnlyRoutes } from "@/lib/testing/test-only-routes";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";

const HOUR = 60 * 60 * 1000;

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ field: string }>;
}

describe.each(storeTargets())("Idempotency-Key on %s", (target) => {
  let runtime: TestRuntime;
  let routes: TestOnlyRoutes;
  let org: TestOrganization;
  let key: string;
  let testKey: string;
  let otherKey: string;
  let otherOrg: TestOrganization;
  const clock = { ms: Date.parse("2026-05-01T10:00:00.000Z") };
  let seq = 0;
  const fresh = (label: string) => `${label}-${target}-${++seq}-${Date.now()}`;

  const post = (path: string, idemKey: string | undefined, body: unknown, secret = key) =>
    apiRequest(runtime, "POST", path, {
      key: secret,
      body,
      headers: idemKey === undefined ? {} : { "Idempotency-Key": idemKey },
    });

  beforeAll(async () => {
    runtime = await createTestRuntime(target, { now: () => new Date(clock.ms) });
    routes = mountTestOnlyRoutes(runtime);
    // Enterprise: these tests send more than the free plan's 100 requests a minute.
    org = await createTestOrganization(runtime, "enterprise");
    otherOrg = await createTestOrganization(runtime, "enterprise");
    key = (await createTestKey(runtime, org)).secret;
    testKey = (await createTestKey(runtime, org, { environment: "test" })).secret;
    otherKey = (await createTestKey(runtime, otherOrg)).secret;
  });
  afterAll(() => runtime.close());

  it("replays the stored status, body and headers with Idempotent-Replayed", async () => {
    const idem = fresh("replay");
    const first = await post("/v1/test/widgets", idem, { name: "one" });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const firstBody = await first.text();
    const again = await post("/v1/test/widgets", idem, { name: "one" });
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("content-type")).toBe(first.headers.get("content-type"));
    expect(again.headers.get("location")).toBe(first.headers.get("location"));
    expect(again.headers.get("x-request-id")).toMatch(/^req_/);
    expect(again.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(await again.text()).toBe(firstBody);
    expect(routes.widgets.filter((w) => w.idempotency_key === idem)).toHaveLength(1);
  });

  it("hands the key to the handler as the idempotencyKey context variable", async () => {
    const idem = fresh("ctx");
    const res = await post("/v1/test/widgets", idem, { name: "ctx" });
    expect(((await res.json()) as { idempotency_key: string }).idempotency_key).toBe(idem);
    const plain = await post("/v1/test/widgets", undefined, { name: "no key" });
    expect(((await plain.json()) as { idempotency_key: string | null }).idempotency_key).toBeNull();
  });

  it("treats bodies that differ only in key order or spacing as the same request", async () => {
    const idem = fresh("canon");
    const first = await post("/v1/test/widgets", idem, '{"name":"c","labels":{"a":"1","b":"2"}}');
    const second = await post(
      "/v1/test/widgets",
      idem,
      '{ "labels": { "b": "2", "a": "1" },  "name": "c" }',
    );
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.text()).toBe(await first.text());
  });

  it("answers 422 idempotency_key_mismatch for the same key with another body or path", async () => {
    const idem = fresh("mismatch");
    expect((await post("/v1/test/widgets", idem, { name: "a" })).status).toBe(201);
    const otherBody = await post("/v1/test/widgets", idem, { name: "b" });
    expect(otherBody.status).toBe(422);
    expect(otherBody.headers.get("content-type")).toBe("application/problem+json");
    expect(((await otherBody.json()) as Problem).code).toBe("idempotency_key_mismatch");
    const otherPath = await post("/v1/test/conflict", idem, { name: "a" });
    expect(otherPath.status).toBe(422);
    expect(((await otherPath.json()) as Problem).code).toBe("idempotency_key_mismatch");
    expect(routes.calls.get("conflict") ?? 0).toBe(0);
  });

  it("20 concurrent identical POSTs run the handler once and all end with the same answer", async () => {
    const idem = fresh("race");
    const before = routes.calls.get("widgets") ?? 0;
    const send = () => post("/v1/test/widgets", idem, { name: "raced" });
    const first = await Promise.all(Array.from({ length: 20 }, send));
    const statuses = first.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const res of first.filter((r) => r.status === 409)) {
      const problem = (await res.json()) as Problem;
      expect(problem.code).toBe("idempotency_key_in_use");
      expect(res.headers.get("retry-after")).toBe("1");
    }
    const bodies = await Promise.all(first.filter((r) => r.status === 201).map((r) => r.text()));
    // Each one that raced the marker retries until it gets the stored answer.
    for (const res of first.filter((r) => r.status === 409)) {
      let retry = res;
      for (let attempt = 0; retry.status === 409 && attempt < 50; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        retry = await send();
      }
      expect(retry.status).toBe(201);
      expect(retry.headers.get("idempotent-replayed")).toBe("true");
      bodies.push(await retry.text());
    }
    expect(bodies).toHaveLength(20);
    expect(new Set(bodies).size).toBe(1);
    expect((routes.calls.get("widgets") ?? 0) - before).toBe(1);
    expect(routes.widgets.filter((w) => w.idempotency_key === idem)).toHaveLength(1);
  });

  it("20 concurrent identical POST /v1/resources create exactly one resource, one answer", async () => {
    const idem = fresh("resources");
    const name = `Analytics Pipeline ${idem}`;
    const send = () => post("/v1/resources", idem, { name, region: "eu-west-1" });
    const first = await Promise.all(Array.from({ length: 20 }, send));
    const bodies: string[] = [];
    for (const res of first) {
      let answer = res;
      for (let attempt = 0; answer.status === 409 && attempt < 100; attempt++) {
        expect(((await answer.json()) as Problem).code).toBe("idempotency_key_in_use");
        await new Promise((resolve) => setTimeout(resolve, 10));
        answer = await send();
      }
      expect(answer.status).toBe(201);
      bodies.push(await answer.text());
    }
    expect(new Set(bodies).size).toBe(1);
    const created = JSON.parse(bodies[0] as string) as { id: string; status: string };
    expect(created.status).toBe("provisioning");
    const rows = await runtime.store.db
      .selectFrom("resources")
      .select("id")
      .where("project_id", "=", org.projectId)
      .where("name", "=", name)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([created.id]);
  });

  it("never stores an API key's secret: a replayed key creation shows it redacted", async () => {
    const idem = fresh("secret");
    const first = await post("/v1/api-keys", idem, { name: "replayed key" });
    expect(first.status).toBeLessThan(300);
    const created = (await first.json()) as { secret: string };
    expect(created.secret).toMatch(/^sk_live_[0-9A-Za-z]{38}$/);
    const replay = await post("/v1/api-keys", idem, { name: "replayed key" });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const replayed = (await replay.json()) as { secret: string };
    expect(replayed.secret).toBe(`sk_live_...${created.secret.slice(-4)}`);
    const stored = await runtime.store.db
      .selectFrom("idempotency_keys")
      .select("response_body")
      .where("idempotency_key", "=", idem)
      .executeTakeFirstOrThrow();
    expect(stored.response_body).not.toContain(created.secret);
    // The secret itself works: only the stored copy was redacted.
    const use = await apiRequest(runtime, "GET", "/v1/regions", { key: created.secret });
    expect(use.status).toBe(200);
  });

  it("does not store 5xx answers: a retry runs again, then its success is replayed", async () => {
    const idem = fresh("flaky");
    routes.failures.flaky = 1;
    const before = routes.calls.get("flaky") ?? 0;
    const failed = await post("/v1/test/flaky", idem, {});
    expect(failed.status).toBe(500);
    const body = (await failed.json()) as Problem;
    expect(body.code).toBe("internal_error");
    const retried = await post("/v1/test/flaky", idem, {});
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    const replayed = await post("/v1/test/flaky", idem, {});
    expect(replayed.headers.get("idempotent-replayed")).toBe("true");
    expect(await replayed.text()).toBe(await retried.text());
    expect((routes.calls.get("flaky") ?? 0) - before).toBe(2);
  });

  it("does not store 429 answers, but stores other 4xx answers", async () => {
    const throttledKey = fresh("429");
    const before429 = routes.calls.get("throttled") ?? 0;
    expect((await post("/v1/test/throttled", throttledKey, {})).status).toBe(429);
    const again429 = await post("/v1/test/throttled", throttledKey, {});
    expect(again429.status).toBe(429);
    expect(again429.headers.get("idempotent-replayed")).toBeNull();
    expect((routes.calls.get("throttled") ?? 0) - before429).toBe(2);

    const conflictKey = fresh("409");
    const first = await post("/v1/test/conflict", conflictKey, {});
    expect(first.status).toBe(409);
    const replay = await post("/v1/test/conflict", conflictKey, {});
    expect(replay.status).toBe(409);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("content-type")).toBe("application/problem+json");
    expect(await replay.text()).toBe(await first.text());
  });

  it("replays a 204 without a body", async () => {
    const idem = fresh("204");
    expect((await post("/v1/test/empty", idem, {})).status).toBe(204);
    const replay = await post("/v1/test/empty", idem, {});
    expect(replay.status).toBe(204);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.text()).toBe("");
  });

  it("rejects an empty, over-long or non-printable key with 400 naming the header", async () => {
    const bad = ["", "x".repeat(256), "tab\there", "caf\u00e9"];
    for (const value of bad) {
      const res = await post("/v1/test/widgets", value, { name: "bad key" });
      expect(res.status, JSON.stringify(value)).toBe(400);
      const problem = (await res.json()) as Problem;
      expect(problem.code).toBe("bad_request");
      expect(problem.detail).toContain("Idempotency-Key");
      expect(problem.errors?.[0]?.field).toBe("Idempotency-Key");
    }
    const longest = await post("/v1/test/widgets", `${fresh("k")}${"y".repeat(255)}`.slice(-255), {
      name: "255",
    });
    expect(longest.status).toBe(201);
    expect(routes.widgets.some((w) => w.name === "bad key")).toBe(false);
  });

  it("ignores the header on methods other than POST", async () => {
    const res = await apiRequest(runtime, "GET", "/v1/regions", {
      key,
      headers: { "Idempotency-Key": "" },
    });
    expect(res.status).toBe(200);
  });

  it("scopes keys per project and environment", async () => {
    const idem = fresh("scope");
    const mine = (await (await post("/v1/test/widgets", idem, { name: "s" })).json()) as {
      id: string;
    };
    const theirs = await post("/v1/test/widgets", idem, { name: "s" }, otherKey);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(((await theirs.json()) as { id: string }).id).not.toBe(mine.id);
    // A different body under another organization is not a mismatch either: separate namespaces.
    expect((await post("/v1/test/widgets", idem, { name: "t" }, otherKey)).status).toBe(422);
    const sandbox = await post("/v1/test/widgets", idem, { name: "other" }, testKey);
    expect(sandbox.status).toBe(201);
    expect(sandbox.headers.get("idempotent-replayed")).toBeNull();
  });

  it("shares one namespace between /v1 and /sandbox/v1 for a test key", async () => {
    const idem = fresh("sandbox");
    const first = await post("/v1/test/widgets", idem, { name: "sb" }, testKey);
    const viaSandbox = await post("/sandbox/v1/test/widgets", idem, { name: "sb" }, testKey);
    expect(viaSandbox.headers.get("idempotent-replayed")).toBe("true");
    expect(await viaSandbox.text()).toBe(await first.text());
  });

  it("lets a retry take over a key whose first request died mid-flight, after the lease", async () => {
    const idem = fresh("stale");
    const start = clock.ms;
    // What a process leaves behind when it dies between claiming the key and answering.
    const orphan = await claimIdempotencyKey(
      runtime.store.db,
      {
        organizationId: org.organizationId,
        projectId: org.projectId,
        environment: "live",
        key: idem,
      },
      {
        fingerprint: (await import("@/lib/idempotency/fingerprint")).requestFingerprint(
          "POST",
          "/v1/test/widgets",
          '{"name":"orphan"}',
        ),
        method: "POST",
        path: "/v1/test/widgets",
      },
      new Date(start),
    );
    expect(orphan.kind).toBe("owner");
    try {
      clock.ms = start + 30_000;
      const during = await post("/v1/test/widgets", idem, { name: "orphan" });
      expect(during.status).toBe(409);
      clock.ms = start + 61_000;
      const after = await post("/v1/test/widgets", idem, { name: "orphan" });
      expect(after.status).toBe(201);
      expect(after.headers.get("idempotent-replayed")).toBeNull();
      const replay = await post("/v1/test/widgets", idem, { name: "orphan" });
      expect(replay.headers.get("idempotent-replayed")).toBe("true");
    } finally {
      clock.ms = start;
    }
  });

  it("keeps answers 24 hours, then forgets them; the hourly job deletes expired rows", async () => {
    const idem = fresh("expiry");
    const start = clock.ms;
    try {
      const first = (await (await post("/v1/test/widgets", idem, { name: "e" })).json()) as {
        id: string;
      };
      clock.ms = start + 24 * HOUR - 1000;
      const within = await post("/v1/test/widgets", idem, { name: "e" });
      expect(within.headers.get("idempotent-replayed")).toBe("true");
      expect(((await within.json()) as { id: string }).id).toBe(first.id);

      clock.ms = start + 24 * HOUR + 1000;
      const stored = () =>
        runtime.store.db
          .selectFrom("idempotency_keys")
          .select("idempotency_key")
          .where("idempotency_key", "=", idem)
          .execute();
      expect(await stored()).toHaveLength(1);
      const jobs = await runtime.store.db
        .selectFrom("jobs")
        .select(["run_at"])
        .where("type", "=", IDEMPOTENCY_CLEANUP_JOB)
        .execute();
      expect(jobs.length).toBeGreaterThanOrEqual(1);
      await runtime.jobs.drain();
      expect(await stored()).toHaveLength(0);
      const next = await runtime.store.db
        .selectFrom("jobs")
        .select(["run_at"])
        .where("type", "=", IDEMPOTENCY_CLEANUP_JOB)
        .execute();
      expect(next.some((j) => Date.parse(j.run_at) > clock.ms)).toBe(true);

      // A different request may now use the key; it runs as a new request.
      const reused = await post("/v1/test/widgets", idem, { name: "new meaning" });
      expect(reused.status).toBe(201);
      expect(reused.headers.get("idempotent-replayed")).toBeNull();
    } finally {
      clock.ms = start;
    }
  });

  it("runs the same request again after 24 hours even before the cleanup job", async () => {
    const idem = fresh("expiry2");
    const start = clock.ms;
    try {
      const first = (await (await post("/v1/test/widgets", idem, { name: "f" })).json()) as {
        id: string;
      };
      clock.ms = start + 24 * HOUR + 1;
      const later = await post("/v1/test/widgets", idem, { name: "f" });
      expect(later.status).toBe(201);
      expect(later.headers.get("idempotent-replayed")).toBeNull();
      expect(((await later.json()) as { id: string }).id).not.toBe(first.id);
    } finally {
      clock.ms = start;
    }
  });
});
