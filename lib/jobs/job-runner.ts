import type { Kysely, Selectable } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import { fromJson } from "@/lib/db/json";
import type { Database, JobsTable } from "@/lib/db/schema";
import { randomBase62 } from "@/lib/ids";
import type { Logger } from "@/lib/logger";

type JobRow = Selectable<JobsTable>;

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
  /**
   * The jobs of this type in one batch may run at the same time (each is independent, and most
   * of its time is spent waiting on the network: webhook attempts). Others run one by one.
   */
  concurrent?: boolean;
}

const DEAD_RUN_AT = "9999-12-31T00:00:00.000Z";
/**
 * The shortest sleep between batches that did not fill up. Each batch costs a handful of
 * statements (two claims per lane, a delete, the next-due probe) whatever it finds: sleeping 5 ms
 * while a burst of POSTs kept one or two provisioning steps falling due at a time made it ~300
 * batches a second, 15% of the writer. 20 ms late is nothing to a step planned seconds ahead.
 */
const MIN_SLEEP_MS = 20;
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
  /** Concurrent jobs under way. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Concurrent jobs that succeeded since the last batch: their rows go in one DELETE. */
  private readonly succeeded: string[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    private readonly logger: Logger,
    private readonly now: () => Date,
    private readonly options: {
      pollMs?: number;
      batchSize?: number;
      lockMs?: number;
      /**
       * At most this many jobs of concurrent types run at once (default: the whole batch). Each
       * may hold a store connection: keep it below the pool so requests still get one.
       */
      concurrency?: number;
    } = {},
  ) {}

  register(type: string, handler: JobHandler, options: JobTypeOptions = {}): void {
    this.handlers.set(type, { handler, options });
    this.typesByKind = undefined;
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
    await Promise.all(this.inFlight);
    await this.deleteSucceeded().catch((error: unknown) =>
      this.logger.error({ err: error }, "job cleanup failed"),
    );
  }

  /** Runs soon instead of at the next poll (after an enqueue in this instance). */
  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  /** Runs every job due now, repeatedly, until none is left; returns how many ran (tests use it). */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      // Only a batch that had every lane free and found nothing proves nothing is left.
      const idle = this.inFlight.size === 0;
      const ran = await this.runDueBatch();
      total += ran;
      if (ran > 0) continue;
      if (idle) {
        await this.deleteSucceeded();
        return total;
      }
      await Promise.all(this.inFlight);
    }
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.runDueBatch()
        // A full batch means more may be due now; otherwise wait for the next one to fall due.
        .then(async (ran) => (ran >= this.batchSize() ? 0 : await this.untilNextDue()))
        .catch((error: unknown) => {
          this.logger.error({ err: error }, "job poll failed");
          return this.options.pollMs ?? 250;
        })
        .then((next) => {
          this.running = undefined;
          this.schedule(next);
        });
    }, delay);
    this.timer.unref();
  }

  /**
   * How long to sleep after a batch that did not fill: until the next job falls due, at most one poll.
   * A job scheduled a few milliseconds ahead (a deployment's next look, the end of a bake) then
   * runs on time instead of up to a whole poll late. Never less than MIN_SLEEP_MS, so a job that
   * cannot be claimed yet can never make the loop spin.
   */
  private async untilNextDue(): Promise<number> {
    const pollMs = this.options.pollMs ?? 250;
    const types = [...this.handlers.keys()];
    if (types.length === 0) return pollMs;
    const now = this.now();
    const at = now.toISOString();
    const next = await this.db
      .selectFrom("jobs")
      .select("run_at")
      .where("type", "in", types)
      .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", at)]))
      .orderBy("run_at")
      .limit(1)
      .executeTakeFirst();
    if (!next) return pollMs;
    const wait = Date.parse(next.run_at) - now.getTime();
    return Math.min(pollMs, Math.max(MIN_SLEEP_MS, wait));
  }

  /**
   * Claims up to `limit` due jobs: urgent ones (priority above 0) first, then the oldest due. Two
   * passes, because one ORDER BY priority, run_at walks the whole jobs_priority_run_at index to
   * find the due rows (priority leads it): with ~2,000 provisioning steps scheduled ahead under a
   * burst of POSTs, that walk took 1.2 ms per claim. Each pass here is a range of that index.
   */
  private async claim(now: Date, types: string[], limit: number): Promise<JobRow[]> {
    if (types.length === 0 || limit <= 0) return [];
    const urgent = await this.claimPass(now, types, limit, true);
    const due =
      urgent.length >= limit ? [] : await this.claimPass(now, types, limit - urgent.length, false);
    // RETURNING keeps no order: the batch runs in the order it was picked.
    return [...urgent, ...due].sort(
      (a, b) => b.priority - a.priority || (a.run_at < b.run_at ? -1 : a.run_at > b.run_at ? 1 : 0),
    );
  }

  private async claimPass(
    now: Date,
    types: string[],
    limit: number,
    urgent: boolean,
  ): Promise<JobRow[]> {
    const at = now.toISOString();
    const lockedUntil = new Date(now.getTime() + (this.options.lockMs ?? 60_000)).toISOString();
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
          .where("priority", urgent ? ">" : "=", 0)
          .where("run_at", "<=", at)
          .where("type", "in", types)
          .where((w) => w.or([w("locked_until", "is", null), w("locked_until", "<", at)]))
          .$if(urgent, (q) => q.orderBy("priority", "desc"))
          .orderBy("run_at")
          .limit(limit)
          .$if(this.kind === "postgres", (q) => q.forUpdate().skipLocked()),
      )
      .returningAll()
      .execute();
  }

  private typesByKind: { concurrent: string[]; inOrder: string[] } | undefined;

  /** The registered types, split by whether their jobs may run side by side (kept per register). */
  private typesBy(concurrent: boolean): string[] {
    this.typesByKind ??= {
      concurrent: [...this.handlers].filter(([, e]) => e.options.concurrent).map(([t]) => t),
      inOrder: [...this.handlers].filter(([, e]) => !e.options.concurrent).map(([t]) => t),
    };
    return concurrent ? this.typesByKind.concurrent : this.typesByKind.inOrder;
  }

  private batchSize(): number {
    return this.options.batchSize ?? 20;
  }

  private async runDueBatch(): Promise<number> {
    await this.deleteSucceeded();
    const now = this.now();
    const batchSize = this.batchSize();
    // Concurrent types (network-bound webhook attempts, which pile up by the thousand when
    // receivers are down or slow) run in a pool of their own: a freed place is refilled at once,
    // so one receiver that answers only at the timeout holds up neither the other attempts nor a
    // deployment's next step or a resource's provisioning. Their rows are deleted together at the
    // next batch (one commit for all that finished meanwhile instead of one each: at 1,000
    // deliveries/s that is a third of the writer's commits).
    const inOrder = await this.claim(now, this.typesBy(false), batchSize);
    const room = (this.options.concurrency ?? batchSize) - this.inFlight.size;
    const together = await this.claim(now, this.typesBy(true), room);
    for (const row of together) this.startConcurrent(row, now);
    const done: string[] = [];
    for (const row of inOrder) if (await this.runOne(row, now)) done.push(row.id);
    // One DELETE (one commit) for the batch instead of one per job: each commit costs SQLite
    // ~130 us of the single writer that requests wait for. A crash before it re-runs the batch
    // after the claim expires, which every handler already tolerates (a claim can expire anyway).
    if (done.length > 0) await this.deleteDone(done);
    return inOrder.length + together.length;
  }

  private startConcurrent(row: JobRow, now: Date): void {
    const run: Promise<void> = this.runOne(row, now)
      .then((ok) => {
        if (ok) this.succeeded.push(row.id);
      })
      .catch((error: unknown) => this.logger.error({ err: error, job: row.id }, "job failed"))
      .finally(() => {
        this.inFlight.delete(run);
        this.wake();
      });
    this.inFlight.add(run);
  }

  private async deleteSucceeded(): Promise<void> {
    if (this.succeeded.length === 0) return;
    const ids = this.succeeded.splice(0);
    try {
      await this.deleteDone(ids);
    } catch (error) {
      // Kept for the next batch; until then their claims keep anyone from running them again.
      this.succeeded.push(...ids);
      throw error;
    }
  }

  private async deleteDone(ids: string[]): Promise<void> {
    await this.db
      .deleteFrom("jobs")
      .where("id", "in", ids)
      .where("locked_by", "=", this.instanceId)
      .execute();
  }

  /** True when the job succeeded (its row is then deleted with the rest of the batch). */
  private async runOne(row: JobRow, now: Date): Promise<boolean> {
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
