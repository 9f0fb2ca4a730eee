import type { Kysely } from "kysely";
import type { Bus } from "@/lib/bus";
import type { Database } from "@/lib/db/schema";
import type { Logger } from "@/lib/logger";
import { announcePlanChange } from "./cache-invalidation";

/** How often the store is asked: a change made by another process applies within this. */
export const PLAN_WATCH_INTERVAL_MS = 500;
/**
 * Writers stamp updated_at before they commit, so rows can land out of timestamp order: rows
 * this far behind the newest one seen are looked at again (each change is announced once).
 */
const OVERLAP_MS = 2_000;

export interface PlanChangeWatch {
  /** Stops polling; resolves once a poll under way has finished. */
  stop(): Promise<void>;
}

/**
 * For instances without Redis: a plan change written by another process (the admin CLI) sends
 * no message this process can hear, so the store is asked twice a second for organizations
 * changed since, and each one is dropped from this process's caches. With Redis the change is
 * published instead, and this is not started.
 */
export function watchPlanChanges(
  deps: { db: Kysely<Database>; bus: Bus; logger: Pick<Logger, "warn"> },
  intervalMs = PLAN_WATCH_INTERVAL_MS,
): PlanChangeWatch {
  let newest: string | null = null;
  /** slug -> the updated_at already announced, for rows still inside the overlap. */
  const announced = new Map<string, string>();
  let failing = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const poll = async () => {
    if (newest === null) {
      const row = await deps.db
        .selectFrom("organizations")
        .select((eb) => eb.fn.max("updated_at").as("newest"))
        .executeTakeFirst();
      newest = row?.newest ?? "";
      return;
    }
    const floor = newest === "" ? "" : new Date(Date.parse(newest) - OVERLAP_MS).toISOString();
    const rows = await deps.db
      .selectFrom("organizations")
      .select(["slug", "updated_at"])
      .where("updated_at", ">", floor)
      .execute();
    for (const row of rows) {
      if (announced.get(row.slug) === row.updated_at) continue;
      announced.set(row.slug, row.updated_at);
      if (row.updated_at > newest) newest = row.updated_at;
      await announcePlanChange(deps.bus, row.slug);
    }
    for (const [slug, at] of announced) if (at <= floor) announced.delete(slug);
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = poll()
        .then(() => {
          failing = false;
        })
        .catch((error: unknown) => {
          // Once per outage: the store being away is reported by readiness too.
          if (!failing) deps.logger.warn({ err: error }, "plan change watch: the store failed");
          failing = true;
        })
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, intervalMs);
    timer.unref();
  };
  schedule();

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
