import { afterAll, describe, expect, it } from "vitest";
import type { WebhookDeliveryDto, WebhookEndpointWithSecretDto } from "@/lib/schemas/webhooks";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import {
  call,
  dropSharedSchema,
  sharedStoreOptions,
  TestClock,
} from "@/lib/testing/resource-fixtures";
import { createTestRuntime, storeTargets, type TestRuntime } from "@/lib/testing/test-runtime";
import { WebhookReceiver } from "@/lib/testing/webhook-receiver";

/**
 * Deliveries are rows and attempts are job rows, written with the event: a process that stops
 * at any point after the event committed loses nothing, and the next one carries on.
 */
describe.each(storeTargets())("webhook deliveries across a restart on %s", (target) => {
  const clock = new TestClock(Date.parse("2026-07-03T09:00:00.000Z"));
  const shared = sharedStoreOptions(target);
  const runtimes: TestRuntime[] = [];
  let receiver: WebhookReceiver;

  afterAll(async () => {
    for (const runtime of runtimes) await runtime.close();
    await receiver?.close();
    await dropSharedSchema(shared.postgresSchema ?? null);
  });

  async function open(sqliteFile?: string): Promise<TestRuntime> {
    const runtime = await createTestRuntime(target, {
      now: clock.now,
      env: { PROVISION_DELAY_MS: "0" },
      ...shared,
      ...(sqliteFile ? { sqliteFile } : {}),
    });
    runtimes.push(runtime);
    return runtime;
  }

  it("sends queued first attempts and scheduled retries after a restart", async () => {
    receiver = await new WebhookReceiver().start();
    const first = await open();
    const org = await createTestOrganization(first, "pro");
    const key = (await createTestKey(first, org)).secret;
    const endpoint = await call<WebhookEndpointWithSecretDto>(
      first,
      "POST",
      "/v1/webhook-endpoints",
      key,
      201,
      { url: receiver.url(), enabled_events: ["resource.created"] },
    );

    // One event fails its first attempt (a retry is scheduled); one is queued but never run.
    receiver.respond = () => ({ status: 502 });
    clock.advance(1);
    await call(first, "POST", "/v1/resources", key, 201, { name: "failed once" });
    await first.jobs.drain();
    expect(receiver.received).toHaveLength(1);
    clock.advance(1);
    await call(first, "POST", "/v1/resources", key, 201, { name: "never attempted" });
    const jobs = await first.store.db
      .selectFrom("jobs")
      .select(["type", "run_at"])
      .where("type", "=", "webhook.deliver")
      .orderBy("run_at")
      .execute();
    expect(jobs).toHaveLength(2);
    await first.close();
    runtimes.splice(runtimes.indexOf(first), 1);

    // A new process on the same store.
    receiver.respond = () => ({ status: 200 });
    const second = await open(first.sqliteFile ?? undefined);
    await second.jobs.drain();
    expect(receiver.received).toHaveLength(2);
    clock.advance(60_000);
    await second.jobs.drain();
    expect(receiver.received).toHaveLength(3);
    const { data } = await call<{ data: WebhookDeliveryDto[] }>(
      second,
      "GET",
      `/v1/webhook-endpoints/${endpoint.id}/deliveries`,
      key,
      200,
    );
    expect(data.map((d) => [d.status, d.attempts])).toEqual([
      ["succeeded", 1],
      ["succeeded", 2],
    ]);
    const left = await second.store.db
      .selectFrom("jobs")
      .select("id")
      .where("type", "=", "webhook.deliver")
      .execute();
    expect(left).toEqual([]);
  });
});

describe.each(storeTargets())("one send per attempt on %s", (target) => {
  const clock = new TestClock(Date.parse("2026-07-04T09:00:00.000Z"));
  let runtime: TestRuntime;
  let receiver: WebhookReceiver;

  afterAll(async () => {
    await runtime?.close();
    await receiver?.close();
  });

  it("ignores a stale job, and takes over an attempt whose runner died after its lease", async () => {
    receiver = await new WebhookReceiver().start();
    runtime = await createTestRuntime(target, { now: clock.now });
    const org = await createTestOrganization(runtime, "pro");
    const key = (await createTestKey(runtime, org)).secret;
    const endpoint = await call<WebhookEndpointWithSecretDto>(
      runtime,
      "POST",
      "/v1/webhook-endpoints",
      key,
      201,
      { url: receiver.url() },
    );
    const delivery = await call<WebhookDeliveryDto>(
      runtime,
      "POST",
      `/v1/webhook-endpoints/${endpoint.id}/test`,
      key,
      202,
    );
    // A runner took the attempt and died before sending: the delivery is held, its job locked.
    const { db } = runtime.store;
    const held = new Date(clock.now().getTime() + 60_000).toISOString();
    await db
      .updateTable("webhook_deliveries")
      .set({ attempt_locked_until: held })
      .where("id", "=", delivery.id)
      .execute();
    await runtime.jobs.drain();
    expect(receiver.received).toHaveLength(0);
    const [job] = await db
      .selectFrom("jobs")
      .selectAll()
      .where("type", "=", "webhook.deliver")
      .execute();
    expect(job?.attempts).toBe(1);

    // After the lease (and the job's backoff), the attempt is made, once.
    clock.advance(2 * 60_000);
    await runtime.jobs.drain();
    expect(receiver.received).toHaveLength(1);

    // A second job for the same attempt (a duplicate, or a rerun after a crash) sends nothing.
    await db
      .insertInto("jobs")
      .values({
        ...(job as NonNullable<typeof job>),
        id: "job_duplicate",
        unique_key: null,
        attempts: 0,
        locked_until: null,
        locked_by: null,
        run_at: clock.now().toISOString(),
      })
      .execute();
    await runtime.jobs.drain();
    expect(receiver.received).toHaveLength(1);
  });
});
