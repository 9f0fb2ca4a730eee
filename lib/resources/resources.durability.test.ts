import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ResourceDto, ResourceListDto } from "@/lib/schemas/resources";
import { type ApiProcess, killApiProcess, startApiProcess } from "@/lib/testing/api-process";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { dropSharedSchema, sharedStoreOptions } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, type StoreTarget, storeTargets } from "@/lib/testing/test-runtime";

// Our own data directory (DATA_DIR /tmp/cap-b) and ports (3311-3319): two per store target.
const DATA_ROOT = "/tmp/cap-b";
const REQUESTS = 80;
const CONCURRENCY = 16;
const KILL_AFTER_ACKS = 16;
const PORTS: Record<StoreTarget, [number, number]> = {
  sqlite: [3311, 3312],
  postgres: [3313, 3314],
};

describe.each(storeTargets())("durability of creation under SIGKILL, on %s", (target) => {
  let server: ApiProcess | undefined;
  afterAll(() => killApiProcess(server));

  it("keeps every acknowledged resource and creates no duplicate on retry", async () => {
    mkdirSync(DATA_ROOT, { recursive: true });
    const dataDir = mkdtempSync(path.join(DATA_ROOT, "durability-"));
    const shared = sharedStoreOptions(target);
    const setup = await createTestRuntime(target, {
      ...shared,
      sqliteFile: path.join(dataDir, "cloud.sqlite"),
      env: { DATA_DIR: dataDir },
    });
    const org = await createTestOrganization(setup, "pro");
    const key = (await createTestKey(setup, org)).secret;
    const databaseUrl = setup.postgresSchema
      ? (() => {
          const url = new URL(process.env.TEST_DATABASE_URL ?? "");
          url.searchParams.set("options", `-c search_path=${setup.postgresSchema}`);
          return url.toString();
        })()
      : undefined;
    await setup.close();
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (databaseUrl) env.DATABASE_URL = databaseUrl;

    const create = (base: string, i: number) =>
      fetch(`${base}/v1/resources`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${key}`,
          "Content-Type": "application/json",
          "Idempotency-Key": `durable-${i}`,
        },
        body: JSON.stringify({ name: `durable-${i}`, labels: { run: "durability" } }),
      });

    const [firstPort, secondPort] = PORTS[target];
    server = await startApiProcess(firstPort, env);
    const first = server;
    const acknowledged = new Map<number, string>();
    let next = 0;
    const worker = async () => {
      while (next < REQUESTS) {
        const i = next++;
        try {
          const res = await create(first.base, i);
          if (res.status === 201) {
            acknowledged.set(i, ((await res.json()) as ResourceDto).id);
            // Killed a moment later, mid-stream: some requests have claimed their key, some have
            // committed a resource whose answer was never stored or sent.
            if (acknowledged.size === KILL_AFTER_ACKS) {
              setTimeout(() => first.child.kill("SIGKILL"), 40);
            }
          } else {
            await res.body?.cancel();
          }
        } catch {
          // in flight or sent after the kill: no answer, so the client will retry
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await killApiProcess(first);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acknowledged.size).toBeLessThan(REQUESTS);

    // Restart on the same data.
    server = await startApiProcess(secondPort, env);
    const second = server;
    const auth = { Authorization: `Bearer ${key}` };
    for (const id of acknowledged.values()) {
      const res = await fetch(`${second.base}/v1/resources/${id}`, { headers: auth });
      expect(res.status, `acknowledged ${id} after restart`).toBe(200);
      await res.body?.cancel();
    }

    // Requests that were in flight at the kill still hold their key until the lease ends
    // (409 idempotency_key_in_use). Let the lease run out, as a client's backoff would.
    const lookup = await createTestRuntime(target, {
      ...shared,
      sqliteFile: path.join(dataDir, "cloud.sqlite"),
      env: { DATA_DIR: dataDir },
    });
    try {
      await lookup.store.db
        .updateTable("idempotency_keys")
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where("response_status", "is", null)
        .execute();
    } finally {
      await lookup.close();
    }

    // Every request retried with its key: the same resource for the acknowledged ones, and
    // exactly one resource per name in the end.
    for (let i = 0; i < REQUESTS; i++) {
      const res = await create(second.base, i);
      const text = await res.text();
      expect(res.status, `retry ${i}: ${text}`).toBe(201);
      const id = (JSON.parse(text) as ResourceDto).id;
      const before = acknowledged.get(i);
      if (before) expect(id, `retry ${i}`).toBe(before);
    }
    const list = await fetch(`${second.base}/v1/resources?label=run:durability&per_page=100`, {
      headers: auth,
    });
    const body = (await list.json()) as ResourceListDto;
    const counts = new Map<string, number>();
    for (const r of body.data) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
    expect(body.meta.total).toBe(REQUESTS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await killApiProcess(second);
    await dropSharedSchema(shared.postgresSchema ?? null);
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);
});
