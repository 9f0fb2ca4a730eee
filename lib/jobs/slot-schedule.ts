import { enqueueJob, type JobSpec } from "./enqueue-job";
import type { JobDeps } from "./job-deps";

/**
 * A self-rescheduling job's next run: the first slot of a fixed grid (every `everyMs`) after
 * `time`. Every instance computes the same slot, so one job row serves all; the key is per slot
 * because the running job still holds its own key when it schedules the next.
 */
export function nextSlotJob(type: string, everyMs: number, time: Date): JobSpec {
  const runAt = new Date(Math.floor(time.getTime() / everyMs) * everyMs + everyMs);
  return { type, payload: {}, runAt, uniqueKey: `${type}@${runAt.toISOString()}` };
}

/**
 * Registers a self-rescheduling job on the grid every `everyMs`: the handler runs `work`, then
 * queues the next slot; the first slot is queued now. A failure to queue it is only logged, with
 * `scheduleFailure`, so one feature's job cannot stop the process from starting.
 */
export function registerPeriodicJob(
  deps: JobDeps,
  type: string,
  everyMs: number,
  work: (now: Date) => Promise<void>,
  scheduleFailure: string,
): Promise<void> {
  const { db, logger } = deps;
  deps.jobs.register(type, async (job) => {
    await work(job.now);
    await enqueueJob(db, nextSlotJob(type, everyMs, job.now), job.now);
  });
  const now = deps.now();
  return enqueueJob(db, nextSlotJob(type, everyMs, now), now).then(
    () => undefined,
    (error: unknown) => logger.warn({ err: error }, scheduleFailure),
  );
}
