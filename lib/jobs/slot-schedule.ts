import type { JobSpec } from "./enqueue-job";

/**
 * A self-rescheduling job's next run: the first slot of a fixed grid (every `everyMs`) after
 * `time`. Every instance computes the same slot, so one job row serves all; the key is per slot
 * because the running job still holds its own key when it schedules the next.
 */
export function nextSlotJob(type: string, everyMs: number, time: Date): JobSpec {
  const runAt = new Date(Math.floor(time.getTime() / everyMs) * everyMs + everyMs);
  return { type, payload: {}, runAt, uniqueKey: `${type}@${runAt.toISOString()}` };
}
