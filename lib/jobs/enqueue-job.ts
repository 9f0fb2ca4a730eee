import type { Kysely } from "kysely";
import { insertRow } from "@/lib/db/insert-row";
import { toJson } from "@/lib/db/json";
import type { Database } from "@/lib/db/schema";
import { newId } from "@/lib/ids";

export interface JobSpec {
  type: string;
  payload: unknown;
  runAt: Date;
  /** At most one pending job per unique key (periodic and per-object work). */
  uniqueKey?: string;
  maxAttempts?: number;
  /** 1 for a job someone waits for on screen: claimed before every due job of priority 0 (the least). */
  priority?: number;
}

/** Adds a job in the caller's transaction; returns its id, or null when the unique key is taken. */
export async function enqueueJob(
  db: Kysely<Database>,
  spec: JobSpec,
  now: Date,
): Promise<string | null> {
  const id = newId("job");
  const inserted = await insertRow(
    db,
    "jobs",
    {
      id,
      type: spec.type,
      payload: toJson(spec.payload),
      unique_key: spec.uniqueKey ?? null,
      run_at: spec.runAt.toISOString(),
      attempts: 0,
      max_attempts: spec.maxAttempts ?? 10,
      locked_until: null,
      locked_by: null,
      last_error: null,
      created_at: now.toISOString(),
      // The claim looks at priority 0 and above only (job-runner.ts): nothing goes below it.
      priority: Math.max(0, spec.priority ?? 0),
    },
    { onConflictDoNothing: ["unique_key"] },
  );
  return inserted ? id : null;
}
