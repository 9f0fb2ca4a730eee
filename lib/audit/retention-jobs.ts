import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { JobDeps } from "@/lib/jobs/job-deps";
import { registerPeriodicJob } from "@/lib/jobs/slot-schedule";

export const AUDIT_PRUNE_JOB = "audit.prune";
const EVERY_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the entries that occurred before `retentionDays` ago, with their target rows, in one
 * transaction; answers how many entries went. Nothing else ever deletes an entry.
 */
export async function pruneAuditLog(
  db: Kysely<Database>,
  now: Date,
  retentionDays: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom("audit_log_targets").where("created_at", "<", cutoff).execute();
    const result = await trx
      .deleteFrom("audit_log")
      .where("created_at", "<", cutoff)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  });
}

/** Hourly pruning of the audit log to AUDIT_RETENTION_DAYS. */
export function registerAuditJobs(deps: JobDeps & { retentionDays: number }): Promise<void> {
  const { db, logger, retentionDays } = deps;
  return registerPeriodicJob(
    deps,
    AUDIT_PRUNE_JOB,
    EVERY_MS,
    async (now) => {
      const deleted = await pruneAuditLog(db, now, retentionDays);
      if (deleted > 0) logger.info({ deleted }, "audit entries past retention pruned");
    },
    "could not schedule the audit log pruning",
  );
}
