import { CompiledQuery, type Kysely } from "kysely";
import type { StoreKind } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import {
  type Interned,
  MinuteClock,
  minuteParameters,
  RAW_COLUMNS,
  ROLLUP_COLUMNS,
  ROLLUP_KEY,
  ROLLUP_MEASURES,
  TEXTS_PER_RECORD,
  type UsageBatch,
} from "./usage-batch";

/** Raw rows per INSERT statement at most (chunks are powers of two: few statement texts). */
const LARGEST_CHUNK = 128;
/** Raw rows per transaction at most: short enough (~2 ms on SQLite) not to hold up requests. */
const ROWS_PER_TRANSACTION = 1024;
/** Minute rows per upsert statement at most. */
const LARGEST_UPSERT = 32;
/** Longer user agents are cut here (they are interned, and a unique index has a size limit). */
const MAX_USER_AGENT = 512;
/** Interned user agents remembered at most; past this the cache starts again. */
const MAX_CACHED_AGENTS = 10_000;

export interface UsageBatchStoreOptions {
  /** Raw rows per transaction at most (default ROWS_PER_TRANSACTION). */
  rowsPerTransaction?: number;
  /** Runs each transaction (the usage sink thread takes the write lease around it). */
  exclusive?: <T>(run: () => Promise<T>) => Promise<T>;
  /** Told after each commit how many of the batch's records are now written. */
  onCommit?: (batch: UsageBatch) => void;
}

/**
 * Writes usage batches into the store. Each write is one transaction of at most
 * rowsPerTransaction records: their raw rows (request_log, multi-row INSERTs of small integers,
 * the tenant, series and user agent interned through caches that only learn ids once their
 * transaction committed) and their minute rollup increments (usage_rollups, additive upserts
 * summed from the batch in memory). Both land or neither does, so every record is counted in the
 * minute rollup exactly once, on any number of instances, and the rollup job never reads raw rows
 * back (it builds status, hour and day rows from minute rows).
 */
export class UsageBatchStore {
  private readonly rawStatements = new Map<number, string>();
  private readonly upsertStatements = new Map<number, string>();
  private readonly clock = new MinuteClock();
  private readonly scopes = new Map<string, number>();
  private readonly series = new Map<string, number>();
  private readonly agents = new Map<string, number>();
  private readonly rowsPerTransaction: number;
  private readonly exclusive: <T>(run: () => Promise<T>) => Promise<T>;
  private readonly onCommit: ((batch: UsageBatch) => void) | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly kind: StoreKind,
    options: UsageBatchStoreOptions = {},
  ) {
    this.rowsPerTransaction = options.rowsPerTransaction ?? ROWS_PER_TRANSACTION;
    this.exclusive = options.exclusive ?? ((run) => run());
    this.onCommit = options.onCommit;
  }

  /** Writes the batch from its start, moving start past every transaction that commits. */
  async insert(batch: UsageBatch): Promise<void> {
    while (batch.start < batch.size) {
      const from = batch.start;
      const count = Math.min(this.rowsPerTransaction, batch.size - from);
      const minutes = batch.minuteRows(from, count, this.clock);
      const learned = new Map<string, number>();
      await this.exclusive(() =>
        this.db.transaction().execute(async (trx) => {
          const ids = await this.intern(trx, batch, from, count, learned);
          for (let at = from; at < from + count; ) {
            let size = LARGEST_CHUNK;
            while (size > from + count - at) size >>= 1;
            await trx.executeQuery(
              CompiledQuery.raw(this.rawStatement(size), batch.rawParameters(at, size, from, ids)),
            );
            at += size;
          }
          for (let at = 0; at < minutes.length; ) {
            let size = LARGEST_UPSERT;
            while (size > minutes.length - at) size >>= 1;
            await trx.executeQuery(
              CompiledQuery.raw(
                this.upsertStatement(size),
                minuteParameters(minutes.slice(at, at + size)),
              ),
            );
            at += size;
          }
        }),
      );
      // Ids are only remembered once the rows that hold them have committed.
      for (const [key, id] of learned) {
        const cache = key[0] === "s" ? this.scopes : key[0] === "r" ? this.series : this.agents;
        if (cache === this.agents && cache.size >= MAX_CACHED_AGENTS) cache.clear();
        cache.set(key.slice(1), id);
      }
      batch.start += count;
      this.onCommit?.(batch);
      // Let requests run between transactions (better-sqlite3 is synchronous).
      if (batch.start < batch.size) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * The scope, series and user agent id of each record in [from, from + count): from the caches,
   * else found or created in the store (insert-if-absent, then read back: safe with several
   * writers). New ids go into `learned` (prefixed s/r/a) for the caller to cache after commit.
   */
  private async intern(
    trx: Kysely<Database>,
    batch: UsageBatch,
    from: number,
    count: number,
    learned: Map<string, number>,
  ): Promise<Interned> {
    const ids: Interned = {
      scope: new Int32Array(count),
      series: new Int32Array(count),
      agent: new Int32Array(count),
    };
    const t = batch.texts;
    const known = (prefix: string, cache: Map<string, number>, key: string) =>
      cache.get(key) ?? learned.get(prefix + key);
    for (let i = from; i < from + count; i++) {
      const b = i * TEXTS_PER_RECORD;
      const j = i - from;
      const org = t[b] as string;
      const project = t[b + 1] as string;
      const environment = t[b + 2] as string;
      const scopeKey = `${org}\u0000${project}\u0000${environment}`;
      let scope = known("s", this.scopes, scopeKey);
      if (scope === undefined) {
        await trx
          .insertInto("request_scopes")
          .values({ organization_id: org, project_id: project, environment: environment as never })
          .onConflict((oc) =>
            oc.columns(["project_id", "environment", "organization_id"]).doNothing(),
          )
          .execute();
        const row = await trx
          .selectFrom("request_scopes")
          .select("id")
          .where("project_id", "=", project)
          .where("environment", "=", environment as never)
          .where("organization_id", "=", org)
          .executeTakeFirstOrThrow();
        scope = Number(row.id);
        learned.set(`s${scopeKey}`, scope);
      }
      ids.scope[j] = scope;

      const status = batch.status(i);
      const keyId = t[b + 3] as string;
      const userId = t[b + 4] as string;
      const method = t[b + 5] as string;
      const route = t[b + 6] as string;
      const seriesKey = `${scope}\u0000${keyId}\u0000${userId}\u0000${method}\u0000${route}\u0000${status}`;
      let series = known("r", this.series, seriesKey);
      if (series === undefined) {
        const tuple = {
          scope_id: scope,
          key_id: keyId,
          user_id: userId,
          method,
          route,
          status,
        };
        await trx
          .insertInto("request_series")
          .values({
            ...tuple,
            organization_id: org,
            project_id: project,
            environment: environment as never,
          })
          .onConflict((oc) =>
            oc.columns(["scope_id", "key_id", "user_id", "method", "route", "status"]).doNothing(),
          )
          .execute();
        const row = await trx
          .selectFrom("request_series")
          .select("id")
          .where("scope_id", "=", scope)
          .where("key_id", "=", keyId)
          .where("user_id", "=", userId)
          .where("method", "=", method)
          .where("route", "=", route)
          .where("status", "=", status)
          .executeTakeFirstOrThrow();
        series = Number(row.id);
        learned.set(`r${seriesKey}`, series);
      }
      ids.series[j] = series;

      const agentText = t[b + 10];
      if (agentText) {
        const value =
          agentText.length > MAX_USER_AGENT ? agentText.slice(0, MAX_USER_AGENT) : agentText;
        let agent = known("a", this.agents, value);
        if (agent === undefined) {
          await trx
            .insertInto("request_user_agents")
            .values({ value })
            .onConflict((oc) => oc.column("value").doNothing())
            .execute();
          const row = await trx
            .selectFrom("request_user_agents")
            .select("id")
            .where("value", "=", value)
            .executeTakeFirstOrThrow();
          agent = Number(row.id);
          learned.set(`a${value}`, agent);
        }
        ids.agent[j] = agent;
      }
    }
    return ids;
  }

  private placeholders(rows: number, columns: number): string {
    const groups: string[] = [];
    let n = 0;
    for (let row = 0; row < rows; row++) {
      const marks: string[] = [];
      for (let column = 0; column < columns; column++) {
        marks.push(this.kind === "postgres" ? `$${++n}` : "?");
      }
      groups.push(`(${marks.join(", ")})`);
    }
    return groups.join(", ");
  }

  private rawStatement(rows: number): string {
    let statement = this.rawStatements.get(rows);
    if (!statement) {
      statement = `insert into request_log (${RAW_COLUMNS.join(", ")}) values ${this.placeholders(rows, RAW_COLUMNS.length)}`;
      this.rawStatements.set(rows, statement);
    }
    return statement;
  }

  private upsertStatement(rows: number): string {
    let statement = this.upsertStatements.get(rows);
    if (!statement) {
      const add = ROLLUP_MEASURES.map((c) => `${c} = usage_rollups.${c} + excluded.${c}`);
      statement = `insert into usage_rollups (${ROLLUP_COLUMNS.join(", ")}) values ${this.placeholders(rows, ROLLUP_COLUMNS.length)} on conflict (${ROLLUP_KEY.join(", ")}) do update set ${add.join(", ")}`;
      this.upsertStatements.set(rows, statement);
    }
    return statement;
  }
}
