import type BetterSqlite3 from "better-sqlite3";
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  SelectQueryNode,
  type SqliteDatabase,
  SqliteDialect,
} from "kysely";
import type { WriteLease } from "./sqlite-write-lease";

/** A group is committed once it holds this many transactions or is this old, waiters or not. */
const MAX_GROUP_MEMBERS = 64;
const MAX_GROUP_AGE_MS = 10;
const SAVEPOINT = "group_member";

/** One open SQLite transaction holding the work of several callers, committed once for all. */
class Group {
  members = 0;
  /** SQLite rolled the whole transaction back (disk full, I/O error): nothing in it survives. */
  broken = false;
  readonly openedAt = performance.now();
  readonly done: Promise<void>;
  settle!: (error?: unknown) => void;

  constructor() {
    this.done = new Promise<void>((resolve, reject) => {
      this.settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Only callers who ran inside the group wait on it; a failure nobody awaits is not unhandled.
    this.done.catch(() => undefined);
  }
}

type Statement = ReturnType<SqliteDatabase["prepare"]> & { readonly?: boolean };

class GroupedConnection implements DatabaseConnection {
  constructor(
    private readonly statements: SqliteDatabase,
    private readonly database: BetterSqlite3.Database,
    private readonly lease: WriteLease | undefined,
    private readonly onFailure: () => void,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    let statement: Statement;
    try {
      statement = this.statements.prepare(query.sql);
    } catch (error) {
      return Promise.reject(error);
    }
    // A write outside a transaction takes SQLite's lock for itself: it needs the lease too.
    const lease = this.lease;
    if (lease && statement.readonly === false && !this.database.inTransaction) {
      const run = () => {
        try {
          return this.execute<R>(statement, query);
        } finally {
          lease.release();
        }
      };
      return lease.tryAcquire() ? run() : lease.acquire().then(run);
    }
    return this.execute<R>(statement, query);
  }

  private execute<R>(statement: Statement, query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      if (statement.reader)
        return Promise.resolve({ rows: statement.all(query.parameters) as R[] });
      const { changes, lastInsertRowid } = statement.run(query.parameters);
      return Promise.resolve({
        numAffectedRows: BigInt(changes),
        insertId: BigInt(lastInsertRowid),
        rows: [],
      });
    } catch (error) {
      this.onFailure();
      return Promise.reject(error);
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query)) throw new Error("SQLite streams SELECT queries only");
    const statement = this.statements.prepare(query.sql);
    for (const row of statement.iterate(query.parameters)) yield { rows: [row as R] };
  }
}

/**
 * Kysely's SQLite driver with group commit. The single connection is handed out in arrival order;
 * a transaction that begins while another caller's work is still uncommitted joins it as a
 * savepoint, and the whole group commits at the end of the event loop's turn once the connection
 * is idle, or at MAX_GROUP_MEMBERS / MAX_GROUP_AGE_MS. A commit is SQLite's dearest step here
 * (~120-150 us: a pair of writes per dirty page), and a turn under a burst of POSTs runs a dozen
 * transactions.
 *
 * Every caller whose work ran inside a group is answered only after the group's COMMIT (its
 * connection release waits for it), so nothing is acknowledged before it is durable, and a failed
 * COMMIT fails every member. A member that rolls back undoes only its savepoint.
 *
 * With a WriteLease, a group (or a write outside one) starts only once the lease is the main
 * thread's, and the lease goes back when the group commits, so a worker thread with its own
 * connection can write to the same file between groups without ever blocking the event loop.
 */
export class GroupCommitDriver implements Driver {
  private readonly connection: GroupedConnection;
  private readonly control = new Map<string, BetterSqlite3.Statement>();
  private readonly waiting: Array<() => void> = [];
  private held = false;
  private group: Group | undefined;
  private commitScheduled = false;

  constructor(
    private readonly database: BetterSqlite3.Database,
    statements: SqliteDatabase,
    private readonly lease?: WriteLease,
  ) {
    this.connection = new GroupedConnection(statements, database, lease, () => this.noteFailure());
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.held) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.held = true;
    const group = this.group;
    if (group && (group.members >= MAX_GROUP_MEMBERS || this.age(group) >= MAX_GROUP_AGE_MS))
      this.commit(group);
    return this.connection;
  }

  async beginTransaction(): Promise<void> {
    if (!this.group) {
      if (this.lease && !this.lease.tryAcquire()) await this.lease.acquire();
      try {
        this.exec("begin immediate");
      } catch (error) {
        this.lease?.release();
        throw error;
      }
      this.group = new Group();
    }
    this.group.members++;
    this.exec(`savepoint ${SAVEPOINT}`);
  }

  async commitTransaction(): Promise<void> {
    this.exec(`release ${SAVEPOINT}`);
  }

  async rollbackTransaction(): Promise<void> {
    if (!this.database.inTransaction) {
      this.noteFailure();
      return;
    }
    this.exec(`rollback to ${SAVEPOINT}`);
    this.exec(`release ${SAVEPOINT}`);
  }

  async savepoint(): Promise<void> {
    throw new Error("nested savepoints are not used with group commit");
  }

  async rollbackToSavepoint(): Promise<void> {
    throw new Error("nested savepoints are not used with group commit");
  }

  async releaseSavepoint(): Promise<void> {
    throw new Error("nested savepoints are not used with group commit");
  }

  async releaseConnection(): Promise<void> {
    const group = this.group;
    const next = this.waiting.shift();
    if (next) next();
    else {
      this.held = false;
      if (group) this.commitLater();
    }
    // What this caller did is in `group`: it is answered once that is on disk (or failed).
    if (group) await group.done;
  }

  /**
   * The group stays open until the end of this turn of the event loop, so the transactions of
   * every request the turn runs share it (committing as soon as the connection fell idle made
   * groups of ~2: requests reach their transaction at different points of the turn).
   */
  private commitLater(): void {
    if (this.commitScheduled) return;
    this.commitScheduled = true;
    setImmediate(() => {
      this.commitScheduled = false;
      // Someone holds the connection mid-transaction: the group commits at their release.
      if (this.held) {
        if (this.group) this.commitLater();
        return;
      }
      if (this.group) this.commit(this.group);
    });
  }

  async destroy(): Promise<void> {
    if (this.group) this.commit(this.group);
    this.database.close();
  }

  private age(group: Group): number {
    return performance.now() - group.openedAt;
  }

  private run(text: string): void {
    let statement = this.control.get(text);
    if (!statement) {
      statement = this.database.prepare(text);
      this.control.set(text, statement);
    }
    statement.run();
  }

  private exec(text: string): void {
    try {
      this.run(text);
    } catch (error) {
      this.noteFailure();
      throw error;
    }
  }

  /** After a failed statement: if SQLite ended the transaction, the open group is lost. */
  private noteFailure(): void {
    if (this.group && !this.database.inTransaction) this.group.broken = true;
  }

  private commit(group: Group): void {
    this.group = undefined;
    const error = this.finish(group);
    this.lease?.release();
    group.settle(error);
  }

  /** COMMITs the group (or rolls back what is left of a broken one); the error, if it failed. */
  private finish(group: Group): unknown {
    if (group.broken || !this.database.inTransaction) {
      this.rollbackQuietly();
      return new Error("the store rolled back a group of transactions; nothing was saved");
    }
    try {
      this.run("commit");
      return undefined;
    } catch (error) {
      this.rollbackQuietly();
      return error;
    }
  }

  private rollbackQuietly(): void {
    try {
      if (this.database.inTransaction) this.run("rollback");
    } catch {
      // Nothing left to undo.
    }
  }
}

/** SqliteDialect with GroupCommitDriver. */
export class GroupCommitSqliteDialect extends SqliteDialect {
  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly statements: SqliteDatabase,
    private readonly lease?: WriteLease,
  ) {
    super({ database: statements });
  }

  override createDriver(): Driver {
    return new GroupCommitDriver(this.database, this.statements, this.lease);
  }
}
