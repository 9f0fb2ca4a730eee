import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";

/** "Last active" is good enough to the minute or so; this keeps it to one write per 5 minutes. */
const GRANULARITY_MS = 5 * 60 * 1000;

/** True when the last record is old enough (or missing) that `recordMemberActivity` would write. */
export function isActivityStale(lastActiveAt: string | null | undefined, now: Date): boolean {
  return !lastActiveAt || Date.parse(lastActiveAt) < now.getTime() - GRANULARITY_MS;
}

/** Records that the member used the portal now (a no-op while the last record is recent). */
export async function recordMemberActivity(
  db: Kysely<Database>,
  organizationId: string,
  userId: string,
  now: Date,
): Promise<void> {
  const stale = new Date(now.getTime() - GRANULARITY_MS).toISOString();
  await db
    .updateTable("memberships")
    .set({ last_active_at: now.toISOString() })
    .where("organization_id", "=", organizationId)
    .where("user_id", "=", userId)
    .where((eb) => eb.or([eb("last_active_at", "is", null), eb("last_active_at", "<", stale)]))
    .execute();
}
