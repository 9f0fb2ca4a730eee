import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { Logger } from "@/lib/logger";

export interface LastUsedOptions {
  /** How often pending uses are looked at. */
  intervalMs?: number;
  /** The least time between two writes for one key (CONTRACT: last_used_at may lag a minute). */
  minGapMs?: number;
}

/**
 * Remembers when each key was last used and writes it in batches, at most about once a minute
 * per key, so the hot path never writes. The request path only sets a map entry.
 */
export class LastUsedRecorder {
  private readonly pending = new Map<string, number>();
  private readonly writtenAt = new Map<string, number>();
  private readonly minGapMs: number;
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    options: LastUsedOptions = {},
  ) {
    this.minGapMs = options.minGapMs ?? 50_000;
    this.timer = setInterval(() => void this.flush(false), options.intervalMs ?? 10_000);
    this.timer.unref();
  }

  touch(keyId: string, atMs: number): void {
    // Once a second at most: each update stores a new number that lives until the next write.
    const last = this.pending.get(keyId);
    if (last === undefined || atMs - last >= 1000 || atMs < last) this.pending.set(keyId, atMs);
  }

  /** Writes the uses that are due (all of them with `everything`, as on shutdown). */
  flush(everything = true): Promise<void> {
    // Serialised: a timer flush and a shutdown flush never write the same key twice at once.
    this.flushing = (this.flushing ?? Promise.resolve()).then(() => this.write(everything));
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }

  private async write(everything: boolean): Promise<void> {
    const due: Array<[string, number]> = [];
    for (const [keyId, atMs] of this.pending) {
      const last = this.writtenAt.get(keyId);
      if (everything || last === undefined || atMs - last >= this.minGapMs) due.push([keyId, atMs]);
    }
    for (const [keyId, atMs] of due) {
      if (this.pending.get(keyId) === atMs) this.pending.delete(keyId);
      this.writtenAt.set(keyId, atMs);
      const at = new Date(atMs).toISOString();
      try {
        // Never backwards: another instance may have written a later use already.
        await this.db
          .updateTable("api_keys")
          .set({ last_used_at: at })
          .where("id", "=", keyId)
          .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", at)]))
          .execute();
      } catch (error) {
        this.logger.warn({ err: error, key_id: keyId }, "could not record last_used_at");
      }
    }
    if (this.writtenAt.size > 50_000) this.writtenAt.clear();
  }
}
