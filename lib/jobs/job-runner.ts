import type { Kysely } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import { fromJson } from "@/lib/db/json";
import type { Database, JobsTable } from "@/lib/db/schema";
import { randomBase62 } from "@/lib/ids";
import type { Logger } from "@/lib/logger";

export interface RunningJob {
  id: string;
  type: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
  now: Date;
}

export type JobHandler = (job: RunningJob) => Promise<void>;

export interface JobTypeOptions {
  /** Delay before the next attempt after a failure; default doubles from 1 s up to 1 h. */
  backoffMs?: (attempt: number) => number;
  /** Called once when the last attempt fails. */
  onGiveUp?: (job: RunningJob, error: unknown) => Promise<void>;
}

const DEAD_RUN_AT = "9999-12-31T00:00:00.000Z";
const defaultBackoff = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 3_600_000);

/**
 * Polls the jobs table and runs due jobs. Claiming is one UPDATE ... RETURNING (with SKIP LOCKED
 * on PostgreSQL), so several instances never run the same attempt; a crashed claim expires.
 */
export class JobRunner {
  private readonly handlers = new Map<string, { handler: JobHandler; options: JobTypeOptions }>();
  private readonly instanceId = `runner_${randomBase62(8)}`;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly options: { pollMs?: number; batchSize?: number; lockMs?: number } = {},
  ) {}

  register(type: string, handler: JobHandler, options: JobTypeOptions = {}): void {
    this.handlers.set(type, { handler, options });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs soon instead of at the next poll (after an enqueue in this instance). */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** Runs every job due now, repeatedly, until none is left; returns how many ran (tests use it). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const ran = await this.runDueBatch();
      total += ran;
      if (ran === 0) return total;
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.runDueBatch()
        .catch((error: unknown) => this.logger.error({ err: error }, "job poll failed"))
        .then((ran) => {
          this.running = undefined;
          this.schedule(ran && ran > 0 ? 0 : (this.options.pollMs ?? 250));
        });
    }, delay);
    this.timer.unref();
  }

  private async claim(now: Date): Promise<JobsTable[]> {
    const at = now.toISOString();
    const lockedUntil = new Date(now.getTime() + (this.options.lockMs ?? 60_000)).toISOString();
    const types = [...this.handlers.keys()];
    if (types.length === 0) return [];
    return this.db
      .updateTable("jobs")
      .set((eb) => ({
        locked_until: lockedUntil,
        locked_by: this.instanceId,
        attempts: eb("attempts", "+", 1),
      }))
      .where("id", "in", (eb) =>
        eb
          .selectFrom("jobs")
          .select("id")
          .where("run_at", "<=", at)
          .where("type", "in", types)
          .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", at)]))
          .orderBy("run_at")
          .limit(this.options.batchSize ?? 20)
          .$if(this.kind === "postgres", (q) => q.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute();
  }

  private async runDueBatch(): Promise<number> {
    const now = this.now();
    const jobs = await this.claim(now);
    const done: string[] = [];
    for (const row of jobs) if (await this.runOne(row, now)) done.push(row.id);
    // One DELETE (one commit) for the batch instead of one per job: each commit costs SQLite
    // ~130 us of the single writer that requests wait for. A crash before it re-runs the batch
    // after the claim expires, which every handler already tolerates (a claim can expire anyway).
    if (done.length > 0) {
      await this.db
        .deleteFrom("jobs")
        .where("id", "in", done)
        .where("locked_by", "=", this.instanceId)
        .execute();
    }
    return jobs.length;
  }

  /** True when the job succeeded (its row is then deleted with the rest of the batch). */
  private async runOne(row: JobsTable, now: Date): Promise<boolean> {
    const entry = this.handlers.get(row.type);
    if (!entry) return false;
    const job: RunningJob = {
      id: row.id,
      type: row.type,
      payload: fromJson(row.payload, null),
      attempt: row.attempts,
      now,
    };
    try {
      await entry.handler(job);
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = row.attempts >= row.max_attempts;
      this.logger.warn(
        {
          job_id: row.id,
          job_type: row.type,
          attempt: row.attempts,
          err: message,
          give_up: giveUp,
        },
        "job failed",
      );
      const delay = (entry.options.backoffMs ?? defaultBackoff)(row.attempts);
      await this.db
        .updateTable("jobs")
        .set({
          run_at: giveUp ? DEAD_RUN_AT : new Date(now.getTime() + delay).toISOString(),
          unique_key: giveUp ? null : row.unique_key,
          locked_until: null,
          locked_by: null,
          last_error: message.slice(0, 1000),
        })
        .where("id", "=", row.id)
        .execute();
      if (giveUp && entry.options.onGiveUp) {
        await entry.options
          .onGiveUp(job, error)
          .catch((e: unknown) => this.logger.error({ err: e }, "onGiveUp failed"));
      }
      return false;
    }
  }
}
