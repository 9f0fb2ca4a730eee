/**
 * The deployment orchestration benchmark: `npm run bench:deployments`.
 *
 * One in-process runtime (the real API app and job runner, real clock) on a fresh SQLite file,
 * with PROVISION_DELAY_MS=0 so what is measured is the orchestration, not the simulated cloud:
 *
 * - a rolling deployment to every region of the catalog (5), 3 instances per region, one region
 *   per wave with a 1 s bake each; overhead = (finished_at - created_at) - the sum of the bakes.
 *   Run BENCH_ROUNDS times (a new revision each time, so from the second on every region is a
 *   blue/green replace and the old instances are cut over). Goal: < 2 s overhead.
 * - POST /v1/deployments/plan for all regions against a service running in them (every region
 *   a replace, costs before and after), BENCH_PLANS times sequentially; p50/p95. Goal p95 < 50 ms.
 *   The catalog has 5 regions; the plan's cost grows with the regions asked for, so this is the
 *   largest plan the product can make today.
 *
 * With BENCH_DATABASE_URL set, the same again on PostgreSQL in a fresh schema.
 */
import { INSTANCE_IMAGES } from "@/lib/catalog/resources";
import { REGIONS } from "@/lib/regions/catalog";
import type { DeploymentDto } from "@/lib/schemas/deployments";
import { apiRequest, createTestKey, createTestOrganization } from "@/lib/testing/fixtures";
import { createTestRuntime, type StoreTarget, type TestRuntime } from "@/lib/testing/test-runtime";

const env = process.env;
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const PLANS = Number(env.BENCH_PLANS ?? 200);
const BAKE_SECONDS = 1;
const COUNT = 3;
const regions = REGIONS.map((r) => r.slug);

async function post<T>(runtime: TestRuntime, key: string, path: string, body: unknown) {
  const res = await apiRequest(runtime, "POST", path, { key, body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`POST ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

async function waitFinished(runtime: TestRuntime, key: string, id: string) {
  for (;;) {
    const res = await apiRequest(runtime, "GET", `/v1/deployments/${id}`, { key });
    const d = (await res.json()) as DeploymentDto;
    if (d.finished_at) return d;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function benchStore(target: StoreTarget) {
  const runtime = await createTestRuntime(target, {
    startJobs: true,
    env: { PROVISION_DELAY_MS: "0" },
  });
  try {
    const org = await createTestOrganization(runtime, "enterprise");
    const key = (await createTestKey(runtime, org)).secret;
    const overheads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const created = await post<DeploymentDto>(runtime, key, "/v1/deployments", {
        service: "bench",
        template: { size: "s-1vcpu-1gb", image: INSTANCE_IMAGES[round % 2], count: COUNT },
        regions,
        strategy: { type: "rolling", bake_seconds: BAKE_SECONDS },
      });
      const started = performance.now();
      const done = await waitFinished(runtime, key, created.id);
      const wall = performance.now() - started;
      if (done.status !== "succeeded") throw new Error(`deployment ${done.id} is ${done.status}`);
      const stored = Date.parse(done.finished_at ?? "") - Date.parse(done.created_at);
      const bakes = regions.length * BAKE_SECONDS * 1000;
      overheads.push(stored - bakes);
      if (env.BENCH_DEBUG) {
        const t0 = Date.parse(done.created_at);
        for (const t of done.targets)
          console.log(
            t.region,
            t.steps
              .map(
                (st) =>
                  `${st.name}:${st.started_at ? Date.parse(st.started_at) - t0 : "-"}..${st.ended_at ? Date.parse(st.ended_at) - t0 : "-"}`,
              )
              .join(" "),
          );
      }
      console.log(
        `  ${target} rollout ${round + 1} (${round === 0 ? "create" : "replace"}): ${stored} ms stored, ${wall.toFixed(0)} ms seen by the client, bakes ${bakes} ms, overhead ${stored - bakes} ms`,
      );
    }
    const times: number[] = [];
    for (let i = 0; i < PLANS; i++) {
      const t0 = performance.now();
      await post(runtime, key, "/v1/deployments/plan", {
        service: "bench",
        template: { size: "s-2vcpu-4gb", image: "debian-12", count: COUNT, load_balancer: true },
        regions,
      });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return {
      target,
      overheadMax: Math.max(...overheads),
      planP50: percentile(times, 50),
      planP95: percentile(times, 95),
    };
  } finally {
    await runtime.close();
  }
}

async function main() {
  const targets: StoreTarget[] = ["sqlite"];
  if (env.BENCH_DATABASE_URL) {
    process.env.TEST_DATABASE_URL = env.BENCH_DATABASE_URL;
    targets.push("postgres");
  }
  console.log(
    `deployments bench: ${regions.length} regions x ${COUNT} instances, rolling, ${BAKE_SECONDS} s bake per wave, PROVISION_DELAY_MS=0; ${PLANS} plans of ${regions.length} regions`,
  );
  const rows = [];
  for (const target of targets) rows.push(await benchStore(target));
  console.log(
    "\nstore     | rollout overhead (max) | plan p50 | plan p95 | goals: < 2000 ms, p95 < 50 ms",
  );
  for (const r of rows) {
    console.log(
      `${r.target.padEnd(9)} | ${`${r.overheadMax} ms`.padEnd(22)} | ${r.planP50.toFixed(1)} ms | ${r.planP95.toFixed(1)} ms | ${r.overheadMax < 2000 && r.planP95 < 50 ? "met" : "MISSED"}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
