import type { DeploymentDto } from "@/lib/schemas/deployments";
import { call, type TestClock } from "./resource-fixtures";
import type { TestRuntime } from "./test-runtime";

export interface DeploymentDriver {
  get: (id: string, key?: string) => Promise<DeploymentDto>;
  /** Moves the clock in small steps, running due jobs each time, until `done` or the limit. */
  runUntil: (done: () => Promise<boolean>, stepMs?: number, limit?: number) => Promise<void>;
  /** Runs until the deployment has the status (fails naming the jobs left otherwise). */
  untilStatus: (
    id: string,
    status: DeploymentDto["status"],
    key?: string,
  ) => Promise<DeploymentDto>;
}

/** Drives deployments on a runtime whose jobs do not run by themselves (tests move the clock). */
export function deploymentDriver(
  runtime: TestRuntime,
  clock: TestClock,
  defaultKey: () => string,
): DeploymentDriver {
  const get = (id: string, key = defaultKey()) =>
    call<DeploymentDto>(runtime, "GET", `/v1/deployments/${id}`, key, 200);
  async function runUntil(done: () => Promise<boolean>, stepMs = 500, limit = 200) {
    for (let i = 0; i < limit; i++) {
      await runtime.jobs.drain();
      if (await done()) return;
      clock.advance(stepMs);
    }
    const jobs = await runtime.store.db.selectFrom("jobs").selectAll().execute();
    throw new Error(
      `the deployment did not reach the state in time: ${JSON.stringify(jobs.map((j) => [j.type, j.run_at, j.last_error]))}`,
    );
  }
  async function untilStatus(id: string, status: DeploymentDto["status"], key = defaultKey()) {
    let last: DeploymentDto | undefined;
    await runUntil(async () => {
      last = await get(id, key);
      return last.status === status;
    });
    if (!last) throw new Error("unreachable: runUntil looked at least once");
    return last;
  }
  return { get, runUntil, untilStatus };
}
