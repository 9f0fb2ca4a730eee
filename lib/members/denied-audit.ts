import { type AuditEntry, recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import type { DomainContext } from "@/lib/principal";

/**
 * Runs a sensitive change; a refusal (403) is recorded as a denied attempt. The change's own
 * transaction has rolled back by then, so the entry is written in a transaction of its own.
 */
export async function recordingDenials<T>(
  ctx: DomainContext,
  attempt: Pick<AuditEntry, "action" | "targets" | "details">,
  change: () => Promise<T>,
): Promise<T> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") {
      await ctx.db.transaction().execute((trx) =>
        recordAudit(trx, ctx, {
          ...attempt,
          outcome: "denied",
          details: { ...attempt.details, reason: error.message },
          organizationWide: true,
        }),
      );
    }
    throw error;
  }
}
