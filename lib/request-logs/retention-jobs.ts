import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { registerPeriodicJob } from "@/lib/jobs/slot-schedule";

export const REQUEST_LOG_PRUNE_JOB = "request_logs.prune";
const EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per DELETE: a few ms on SQLite, so requests waiting for the one writer barely notice. */
const ROWS_PER_DELETE = 5_000;

/**
 * Deletes raw request rows answered before `retentionDays` ago, in slices of about
 * ROWS_PER_DELETE oldest rows, yielding between slices; answers how many went. Rows the request
 * rollups have not passed yet (past metering_state's watermark) stay whatever their age: usage
 * reads count them from the raw rows until then. The rollups themselves are never touched.
 */
export async function pruneRequestLogs(
  db: Kysely<Database>,
  now: Date,
  retentionDays: number,
): Promise<number> {
  const state = await db
    .selectFrom("metering_state")
    .select("watermark_ms")
    .where("name", "=", "requests")
    .executeTakeFirst();
  const watermark = state?.watermark_ms == null ? null : Number(state.watermark_ms);
  if (watermark === null) return 0;
  const cutoff = Math.min(now.getTime() - retentionDays * DAY_MS, watermark);
  let deleted = 0;
  for (;;) {
    // The ts of the slice's last row (by the ts index); past the oldest slice, the cutoff itself.
    const edge = await db
      .selectFrom("request_log")
      .select("ts")
      .where("ts", "<", cutoff)
      .orderBy("ts", "asc")
      .limit(1)
      .offset(ROWS_PER_DELETE - 1)
      .executeTakeFirst();
    const result = await db
      .deleteFrom("request_log")
      .where("ts", edge ? "<=" : "<", edge ? Number(edge.ts) : cutoff)
      .executeTakeFirst();
    deleted += Number(result.numDeletedRows);
    if (!edge) return deleted;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Hourly pruning of the request logs to REQUEST_LOG_RETENTION_DAYS. */
export function registerRequestLogJobs(deps: JobDeps & { retentionDays: number }): Promise<void> {
  const { db, logger, retentionDays } = deps;
  return registerPeriodicJob(
    deps,
    REQUEST_LOG_PRUNE_JOB,
    EVERY_MS,
    async (now) => {
      const deleted = await pruneRequestLogs(db, now, retentionDays);
      if (deleted > 0) logger.info({ deleted }, "request logs past retention pruned");
    },
    "could not schedule the request log pruning",
  );
}
