import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestLogDetailDto, RequestLogListDto } from "@/lib/schemas/request-logs";
import {
  apiRequest,
  createTestKey,
  createTestOrganization,
  memberToken,
  type TestOrganization,
} from "@/lib/testing/fixtures";
import { call, type ProblemJson, TestClock } from "@/lib/testing/resource-fixtures";
import { serveApi } from "@/lib/testing/serve-api";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { WebhookReceiver } from "@/lib/testing/webhook-receiver";

const AGENT = "logs-test/1.0";
const CLIENT_IP = "203.0.113.7";

describe.each(storeTargets())("request logs on %s", (target) => {
  let runtime: TestRuntime;
  let org: TestOrganization;
  let key: { id: string; secret: string };
  let sandboxKey: { id: string; secret: string };
  let receiver: WebhookReceiver;
  const clock = new TestClock(Date.parse("2026-06-01T09:00:00.000Z"));
  /** The request ids of the known sequence, oldest first. */
  const ids: string[] = [];

  const send = async (
    method: string,
    path: string,
    secret: string,
    options: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const res = await apiRequest(runtime, method, path, {
      key: secret,
      body: options.body,
      headers: { "User-Agent": AGENT, ...options.headers },
    });
    await res.text();
    const id = res.headers.get("x-request-id");
    if (!id) throw new Error("no request id");
    return { status: res.status, id };
  };
  const logs = async (query = "", secret = key.secret) => {
    await runtime.usage.flush();
    return call<RequestLogListDto>(runtime, "GET", `/v1/request-logs${query}`, secret, 200);
  };

  beforeAll(async () => {
    runtime = await createTestRuntime(target, {
      now: clock.now,
      env: { PROVISION_DELAY_MS: "0" },
    });
    receiver = await new WebhookReceiver().start();
    org = await createTestOrganization(runtime, "pro");
    key = await createTestKey(runtime, org, { name: "logs key" });
    sandboxKey = await createTestKey(runtime, org, { environment: "test", name: "sandbox key" });

    // The known sequence: 2xx, 4xx (404, 422), an idempotent POST and its replay, a sandbox call.
    // The first goes over real HTTP through a (loopback, trusted) proxy naming the client.
    const served = await serveApi(runtime);
    const overHttp = await fetch(`${served.url}/v1/regions`, {
      headers: {
        Authorization: `Bearer ${key.secret}`,
        "User-Agent": AGENT,
        "X-Forwarded-For": CLIENT_IP,
      },
    });
    await overHttp.text();
    await served.close();
    const steps = [
      { status: overHttp.status, id: overHttp.headers.get("x-request-id") ?? "" },
      await send("GET", "/v1/resources/res_doesnotexist0", key.secret),
      await send("POST", "/v1/resources", key.secret, {
        body: { name: "logged", region: "eu-west-1" },
        headers: { "Idempotency-Key": "idem-logs-1" },
      }),
      await send("POST", "/v1/resources", key.secret, {
        body: { name: "logged", region: "eu-west-1" },
        headers: { "Idempotency-Key": "idem-logs-1" },
      }),
      await send("POST", "/v1/resources", key.secret, { body: { region: "eu-west-1" } }),
    ];
    expect(steps.map((s) => s.status)).toEqual([200, 404, 201, 201, 422]);
    ids.push(...steps.map((s) => s.id));
    expect((await send("GET", "/sandbox/v1/regions", sandboxKey.secret)).status).toBe(200);
  });
  afterAll(async () => {
    await receiver.close();
    await runtime.close();
  });

  it("lists exactly the project's requests of the environment, newest first", async () => {
    const page = await logs();
    const base = {
      object: "request_log",
      api_key: { id: key.id, prefix: "sk_live_" },
      member: null,
      // In-process requests have no socket, so no address.
      ip: null,
      user_agent: AGENT,
      environment: "live",
    };
    expect(page.data.map(({ created_at, duration_ms, ...rest }) => rest)).toEqual([
      {
        ...base,
        id: ids[4],
        method: "POST",
        path: "/v1/resources",
        route: "/v1/resources",
        status: 422,
        idempotency_key: null,
        idempotent_replayed: false,
        error: { code: "validation_failed", detail: expect.stringContaining("name") },
      },
      {
        ...base,
        id: ids[3],
        method: "POST",
        path: "/v1/resources",
        route: "/v1/resources",
        status: 201,
        idempotency_key: "idem-logs-1",
        idempotent_replayed: true,
        error: null,
      },
      {
        ...base,
        id: ids[2],
        method: "POST",
        path: "/v1/resources",
        route: "/v1/resources",
        status: 201,
        idempotency_key: "idem-logs-1",
        idempotent_replayed: false,
        error: null,
      },
      {
        ...base,
        id: ids[1],
        method: "GET",
        path: "/v1/resources/res_doesnotexist0",
        route: "/v1/resources/:id",
        status: 404,
        idempotency_key: null,
        idempotent_replayed: false,
        error: { code: "not_found", detail: expect.stringContaining("res_doesnotexist0") },
      },
      {
        ...base,
        ip: CLIENT_IP,
        id: ids[0],
        method: "GET",
        path: "/v1/regions",
        route: "/v1/regions",
        status: 200,
        idempotency_key: null,
        idempotent_replayed: false,
        error: null,
      },
    ]);
    expect(page.meta).toMatchObject({ total: 5, total_capped: false, has_more: false });
    for (const entry of page.data) {
      expect(entry.duration_ms).toBeGreaterThan(0);
      expect(Date.parse(entry.created_at)).toBeGreaterThan(Date.now() - 60_000);
    }
    const times = page.data.map((e) => e.created_at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it("shows the sandbox's requests only to the sandbox", async () => {
    const page = await logs("", sandboxKey.secret);
    expect(page.data).toHaveLength(1);
    expect(page.data[0]).toMatchObject({
      method: "GET",
      path: "/sandbox/v1/regions",
      route: "/v1/regions",
      status: 200,
      environment: "test",
      api_key: { id: sandboxKey.id, prefix: "sk_test_" },
    });
    const byPath = await logs("?path=/v1/regions", sandboxKey.secret);
    expect(byPath.data.map((e) => e.path)).toEqual(["/sandbox/v1/regions"]);
  });

  it("filters by method, status code and class, path prefix, key, request id, ip and time", async () => {
    const only = async (query: string) => (await logs(query)).data.map((e) => e.id);
    const sequence = new Set(ids);
    const ofSequence = async (query: string) =>
      (await only(query)).filter((id) => sequence.has(id));
    expect(await ofSequence("?method=post")).toEqual([ids[4], ids[3], ids[2]]);
    expect(await only("?status=404")).toEqual([ids[1]]);
    expect(await only("?status=4xx")).toEqual([ids[4], ids[1]]);
    expect(await ofSequence("?status=2xx&method=GET")).toEqual([ids[0]]);
    expect(await only("?path=/v1/resources/")).toEqual([ids[1]]);
    expect(await only("?route=/v1/resources/:id")).toEqual([ids[1]]);
    expect(await ofSequence("?route=/v1/resources&status=201")).toEqual([ids[3], ids[2]]);
    expect(await ofSequence("?path=/v1/reg")).toEqual([ids[0]]);
    // A status or method filter with a path: series whose route cannot lie under the path are
    // dropped before reading, the others still have each row's path checked.
    expect(await only("?status=4xx&path=/v1/resources")).toEqual([ids[4], ids[1]]);
    // total counts the same ranges (per series on SQLite).
    expect((await logs("?status=4xx&path=/v1/resources")).meta).toMatchObject({
      total: 2,
      total_capped: false,
    });
    expect((await logs("?status=4xx&path=/v1/resources/res_doesnot")).meta.total).toBe(1);
    expect(await only("?status=4xx&path=/v1/resources/res_doesnot")).toEqual([ids[1]]);
    expect(await only("?status=4xx&path=/v1/resources/res_other")).toEqual([]);
    expect(await only("?status=4xx&path=/v1/regions")).toEqual([]);
    expect(await ofSequence("?method=GET&path=/v1/re")).toEqual([ids[1], ids[0]]);
    expect(await ofSequence("?method=GET&path=%2Fsandbox%2Fv1%2Fregions")).toEqual([]);
    const sandboxGets = await logs("?method=GET&path=%2Fsandbox%2Fv1%2Fregions", sandboxKey.secret);
    expect(sandboxGets.data.map((e) => e.path)).toContain("/sandbox/v1/regions");
    const sandboxByV1 = await logs("?method=GET&path=/v1/regions", sandboxKey.secret);
    expect(sandboxByV1.data.map((e) => e.path)).toContain("/sandbox/v1/regions");
    expect(await only(`?request_id=${ids[2]}`)).toEqual([ids[2]]);
    expect(await ofSequence(`?api_key_id=${key.id}`)).toEqual([...ids].reverse());
    expect(await only(`?api_key_id=${sandboxKey.id}`)).toEqual([]);
    expect(await only("?ip=203.0.113.250")).toEqual([]);
    expect(await only(`?ip=${CLIENT_IP}`)).toEqual([ids[0]]);
    const all = (await logs("?limit=100")).data;
    const second = all.find((e) => e.id === ids[1]);
    if (!second) throw new Error("missing");
    const future = new Date(Date.now() + 60_000).toISOString();
    expect(await only(`?created_gte=${encodeURIComponent(future)}`)).toEqual([]);
    const lte = await only(`?created_lte=${encodeURIComponent(second.created_at)}`);
    expect(lte).toContain(ids[0]);
    expect(lte).not.toContain(ids[4]);
  });

  it("pages with cursors and pages without gaps or repeats", async () => {
    const first = await logs("?limit=2");
    expect(first.data).toHaveLength(2);
    expect(first.meta.has_more).toBe(true);
    const seen = [...first.data.map((e) => e.id)];
    let cursor = first.meta.next_cursor;
    while (cursor) {
      const next = await logs(`?limit=2&cursor=${cursor}`);
      seen.push(...next.data.map((e) => e.id));
      cursor = next.meta.next_cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const everything = await logs("?per_page=100");
    // Each logs() call adds itself to the log after answering: the cursor walk saw fewer.
    expect(everything.data.map((e) => e.id).slice(-seen.length)).toEqual(seen);
    const pageTwo = await logs("?page=2&per_page=2");
    expect(pageTwo.meta.page).toBe(2);
    expect(pageTwo.data).toHaveLength(2);
  });

  it("refuses bad filters with 400 naming the parameter", async () => {
    for (const query of [
      "status=6xx",
      "status=20",
      "method=BREW",
      "path=nope",
      "api_key_id=bad",
      "route=resources",
      "request_id=abc",
      "created_gte=yesterday",
      "limit=0",
      "cursor=garbage!",
    ]) {
      const body = await call<ProblemJson>(
        runtime,
        "GET",
        `/v1/request-logs?${query}`,
        key.secret,
        400,
      );
      expect(body.errors?.[0]?.field, query).toBe(query.split("=")[0]);
    }
  });

  it("needs logs:read, which developers have and viewers do not", async () => {
    const without = await createTestKey(runtime, org, { scopes: ["usage:read", "events:read"] });
    await call(runtime, "GET", "/v1/request-logs", without.secret, 403);
    await call(runtime, "GET", `/v1/request-logs/${ids[0]}`, without.secret, 403);
    const only = await createTestKey(runtime, org, { scopes: ["logs:read"] });
    await call(runtime, "GET", "/v1/request-logs", only.secret, 200);
    await call(runtime, "GET", "/v1/request-logs", await memberToken(runtime, org, "viewer"), 403);
    const developer = await memberToken(runtime, org, "developer");
    await call(runtime, "GET", "/v1/regions", developer, 200);
    const page = await logs("?per_page=100", developer);
    const portal = page.data.find((e) => e.member !== null);
    expect(portal).toMatchObject({
      route: "/v1/regions",
      api_key: null,
      member: {
        id: expect.stringMatching(/^mem_/),
        email: expect.stringContaining("@example.test"),
      },
    });
  });

  it("never shows another project's requests, not even by id", async () => {
    const other = await createTestOrganization(runtime, "pro");
    const otherKey = await createTestKey(runtime, other);
    const theirs = await send("GET", "/v1/regions", otherKey.secret);
    const page = await logs("?per_page=100");
    expect(page.data.map((e) => e.id)).not.toContain(theirs.id);
    await call(runtime, "GET", `/v1/request-logs/${theirs.id}`, key.secret, 404);
    await call(runtime, "GET", `/v1/request-logs/${ids[0]}`, sandboxKey.secret, 404);
    await call(runtime, "GET", `/v1/request-logs?request_id=${ids[0]}`, otherKey.secret, 200).then(
      (body) => expect((body as RequestLogListDto).data).toEqual([]),
    );
    const mine = await logs("", otherKey.secret);
    expect(mine.data.map((e) => e.id)).toContain(theirs.id);
    expect(mine.data.every((e) => e.api_key?.id === otherKey.id)).toBe(true);
  });

  it("logs a 429 with its error code", async () => {
    const free = await createTestOrganization(runtime, "free");
    const spender = await createTestKey(runtime, free);
    let throttled = "";
    for (let i = 0; i < 101 && !throttled; i++) {
      const sent = await send("GET", "/v1/regions", spender.secret);
      if (sent.status === 429) throttled = sent.id;
    }
    expect(throttled).not.toBe("");
    // The key's window is spent; a member reads through the dashboard's own bucket.
    const owner = await memberToken(runtime, free, "owner");
    const page = await logs("?status=429", owner);
    expect(page.data.map(({ created_at, duration_ms, ...rest }) => rest)).toEqual([
      {
        id: throttled,
        object: "request_log",
        method: "GET",
        path: "/v1/regions",
        route: "/v1/regions",
        status: 429,
        api_key: { id: spender.id, prefix: "sk_live_" },
        member: null,
        ip: null,
        user_agent: AGENT,
        idempotency_key: null,
        idempotent_replayed: false,
        error: { code: "rate_limited", detail: expect.any(String) },
        environment: "live",
      },
    ]);
    expect((await logs(`?status=2xx&api_key_id=${spender.id}`, owner)).meta.total).toBe(100);
  });

  it("traces a POST to the events it emitted and the deliveries they caused", async () => {
    await call(runtime, "POST", "/v1/webhook-endpoints", key.secret, 201, {
      url: receiver.url(),
      enabled_events: ["resource.created"],
    });
    const created = await send("POST", "/v1/resources", key.secret, {
      body: { name: "traced", region: "us-east-1" },
    });
    expect(created.status).toBe(201);
    await runtime.jobs.drain();
    await runtime.usage.flush();
    const detail = await call<RequestLogDetailDto>(
      runtime,
      "GET",
      `/v1/request-logs/${created.id}`,
      key.secret,
      200,
    );
    expect(detail).toMatchObject({ id: created.id, method: "POST", status: 201 });
    expect(detail.trace.events.map((e) => e.type)).toEqual(["resource.created"]);
    const event = detail.trace.events[0];
    if (!event) throw new Error("no event");
    expect(event.object_id).toMatch(/^res_/);
    expect(detail.trace.deliveries).toEqual([
      expect.objectContaining({ event_id: event.id, status: "succeeded", response_status: 200 }),
    ]);
    expect(receiver.received.map((r) => JSON.parse(r.body).id)).toEqual([event.id]);
    // A GET emits nothing: its trace is empty.
    const plain = await call<RequestLogDetailDto>(
      runtime,
      "GET",
      `/v1/request-logs/${ids[0]}`,
      key.secret,
      200,
    );
    expect(plain.trace).toEqual({ events: [], deliveries: [] });
    await call(runtime, "GET", "/v1/request-logs/req_doesnotexist000", key.secret, 404);
  });

  it("shows a request within two seconds without anyone flushing", async () => {
    const sent = await send("GET", "/v1/regions", key.secret);
    const deadline = Date.now() + 2_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const body = await call<RequestLogListDto>(
        runtime,
        "GET",
        `/v1/request-logs?request_id=${sent.id}`,
        key.secret,
        200,
      );
      found = body.data.length === 1;
    }
    expect(found).toBe(true);
  });
});
