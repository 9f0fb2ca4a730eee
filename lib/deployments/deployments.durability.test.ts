import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { DeploymentDto } from "@/lib/schemas/deployments";
import type { ResourceListDto } from "@/lib/schemas/resources";
import { type ApiProcess, killApiProcess, startApiProcess } from "@/lib/testing/api-process";
import { createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { dropSharedSchema, sharedStoreOptions } from "@/lib/testing/resource-fixtures";
import { createTestRuntime, type StoreTarget, storeTargets } from "@/lib/testing/test-runtime";

// Our own data directory and ports (deploy: 3340-3349), two per store target.
const DATA_ROOT = "/tmp/cap-deploy";
const PORTS: Record<StoreTarget, [number, number]> = {
  sqlite: [3341, 3342],
  postgres: [3343, 3344],
};
const REGIONS = ["us-east-1", "eu-west-1", "us-west-2"];
const COUNT = 3;

/** Polls until `done` answers true (real time: the API process runs its own jobs). */
async function waitFor(what: string, done: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(storeTargets())("deployment under SIGKILL mid-wave, on %s", (target) => {
  let server: ApiProcess | undefined;
  afterAll(() => killApiProcess(server));

  it("resumes from the stored state after a restart: no duplicate, no orphan, each step once", async () => {
    mkdirSync(DATA_ROOT, { recursive: true });
    const dataDir = mkdtempSync(path.join(DATA_ROOT, "durability-"));
    const shared = sharedStoreOptions(target);
    const storeOptions = {
      ...shared,
      sqliteFile: path.join(dataDir, "cloud.sqlite"),
      env: { DATA_DIR: dataDir },
    };
    const setup = await createTestRuntime(target, storeOptions);
    const org = await createTestOrganization(setup, "enterprise");
    const key = (await createTestKey(setup, org)).secret;
    const env: Record<string, string> = { DATA_DIR: dataDir, PROVISION_DELAY_MS: "1500" };
    if (setup.postgresSchema) {
      const url = new URL(process.env.TEST_DATABASE_URL ?? "");
      url.searchParams.set("options", `-c search_path=${setup.postgresSchema}`);
      env.DATABASE_URL = url.toString();
    }
    await setup.close();
    const auth = { Authorization: `Bearer ${key}` };
    const getJson = async <T>(base: string, p: string): Promise<T> => {
      const res = await fetch(`${base}${p}`, { headers: auth });
      expect(res.status, p).toBe(200);
      return (await res.json()) as T;
    };

    const [firstPort, secondPort] = PORTS[target];
    server = await startApiProcess(firstPort, env);
    const first = server;
    const created = await fetch(`${first.base}/v1/deployments`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({
        service: "durable",
        template: { size: "s-1vcpu-1gb", image: "ubuntu-24.04", count: COUNT },
        regions: REGIONS,
        strategy: { type: "rolling", bake_seconds: 1 },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as DeploymentDto;
    // Mid-wave: the first region done, the second's instances requested and provisioning.
    await waitFor(
      "wave 2 to start",
      async () => {
        const d = await getJson<DeploymentDto>(first.base, `/v1/deployments/${id}`);
        return d.targets[1]?.status === "in_progress";
      },
      30_000,
    );
    await killApiProcess(first);

    // A claim the dead process held would be retried once its lease ends (60 s); end it now,
    // as waiting would, so the test stays short.
    const lookup = await createTestRuntime(target, storeOptions);
    try {
      await lookup.store.db
        .updateTable("jobs")
        .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
        .where("locked_by", "is not", null)
        .execute();
    } finally {
      await lookup.close();
    }

    server = await startApiProcess(secondPort, env);
    const second = server;
    let last: DeploymentDto | undefined;
    await waitFor(
      "the deployment to finish after the restart",
      async () => {
        last = await getJson<DeploymentDto>(second.base, `/v1/deployments/${id}`);
        return !["queued", "in_progress"].includes(last.status);
      },
      45_000,
    );
    expect(last?.status, second.output()).toBe("succeeded");
    expect(last?.targets.map((t) => t.status)).toEqual(["succeeded", "succeeded", "succeeded"]);

    // Exactly COUNT instances per region, every one active and named once.
    const list = await getJson<ResourceListDto>(
      second.base,
      `/v1/resources?label=deployment:${id}&per_page=100`,
    );
    expect(list.meta.total).toBe(COUNT * REGIONS.length);
    expect(list.data.every((r) => r.status === "active")).toBe(true);
    expect(new Set(list.data.map((r) => r.name)).size).toBe(COUNT * REGIONS.length);
    for (const region of REGIONS) {
      expect(list.data.filter((r) => r.region === region)).toHaveLength(COUNT);
    }
    // Each region succeeded once: no step was recorded twice by the two processes.
    const events = await getJson<{ data: { type: string; data: { region?: string } }[] }>(
      second.base,
      `/v1/events?type=deployment.target_succeeded&object_id=${id}&per_page=100`,
    );
    expect(events.data.map((e) => e.data.region).sort()).toEqual([...REGIONS].sort());
    await killApiProcess(second);
    await dropSharedSchema(shared.postgresSchema ?? null);
    rmSync(dataDir, { recursive: true, force: true });
  }, 150_000);
});
