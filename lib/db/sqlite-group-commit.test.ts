import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GroupCommitSqliteDialect } from "./sqlite-group-commit";
import { withStatementCache } from "./sqlite-statement-cache";

interface TestDb {
  notes: { id: number; body: string };
}

describe("SQLite group commit", () => {
  let file: string;
  let database: BetterSqlite3.Database;
  let db: Kysely<TestDb>;
  let other: BetterSqlite3.Database;
  let commits: number;

  beforeEach(() => {
    file = path.join(mkdtempSync(path.join(tmpdir(), "group-commit-")), "test.sqlite");
    database = new BetterSqlite3(file);
    database.pragma("journal_mode = WAL");
    database.exec("create table notes (id integer primary key, body text not null)");
    commits = 0;
    // Counts the COMMITs the driver issues (it prepares its control statements once).
    const prepare = database.prepare.bind(database);
    database.prepare = ((text: string) => {
      const statement = prepare(text);
      if (text !== "commit") return statement;
      const run = statement.run.bind(statement);
      statement.run = ((...args: unknown[]) => {
        commits++;
        return run(...(args as []));
      }) as typeof statement.run;
      return statement;
    }) as typeof database.prepare;
    db = new Kysely<TestDb>({
      dialect: new GroupCommitSqliteDialect(database, withStatementCache(database)),
    });
    other = new BetterSqlite3(file, { readonly: true });
  });
  afterEach(async () => {
    other.close();
    await db.destroy();
  });

  const seenByAnotherConnection = () =>
    (other.prepare("select id from notes order by id").all() as Array<{ id: number }>).map(
      (row) => row.id,
    );
  const note = (id: number) =>
    db.transaction().execute(async (trx) => {
      await trx
        .insertInto("notes")
        .values({ id, body: `note ${id}` })
        .execute();
      // A turn of microtasks inside the transaction, as a request's handler has.
      await Promise.resolve();
      await trx
        .updateTable("notes")
        .set({ body: `note ${id}!` })
        .where("id", "=", id)
        .execute();
    });

  it("commits transactions that queued up together once, and answers each after it is on disk", async () => {
    const answered: number[][] = [];
    await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((id) =>
        note(id).then(() => answered.push(seenByAnotherConnection())),
      ),
    );
    expect(commits).toBeLessThan(8);
    expect(commits).toBeGreaterThanOrEqual(1);
    // Every caller was answered only once its row could be read from another connection.
    for (const [index, seen] of answered.entries()) expect(seen.length).toBeGreaterThan(index);
    expect(seenByAnotherConnection()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("a transaction alone commits at once", async () => {
    await note(1);
    expect(commits).toBe(1);
    expect(seenByAnotherConnection()).toEqual([1]);
    await db.insertInto("notes").values({ id: 2, body: "autocommit" }).execute();
    expect(seenByAnotherConnection()).toEqual([1, 2]);
  });

  it("a member that fails undoes only its own work", async () => {
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto("notes").values({ id: 20, body: "undone" }).execute();
      throw new Error("handler failed");
    });
    const results = await Promise.allSettled([note(10), failing, note(30)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(seenByAnotherConnection()).toEqual([10, 30]);
  });

  it("when SQLite ends the shared transaction, every member that was waiting on it fails", async () => {
    const first = note(1);
    const breaker = db.transaction().execute(async (trx) => {
      await trx.insertInto("notes").values({ id: 2, body: "two" }).execute();
      // What a disk-full or I/O error does: the whole transaction is rolled back under us.
      await sql`rollback`.execute(trx);
    });
    const results = await Promise.allSettled([first, breaker]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(seenByAnotherConnection()).toEqual([]);
    // The store goes on working afterwards.
    await note(3);
    expect(seenByAnotherConnection()).toEqual([3]);
  });
});
