import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GroupCommitSqliteDialect } from "./sqlite-group-commit";
import { withStatementCache } from "./sqlite-statement-cache";
import { WriteLease } from "./sqlite-write-lease";

interface TestDb {
  notes: { id: number; body: string };
}

const turns = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe("SQLite write lease", () => {
  it("is the main thread's or the worker's, never both", async () => {
    const lease = new WriteLease();
    expect(lease.tryAcquire()).toBe(true);
    expect(lease.tryAcquire()).toBe(false);
    lease.release();
    // The worker side, taken here: it is free, so this does not block.
    lease.acquireBlocking();
    expect(lease.tryAcquire()).toBe(false);
    let granted = false;
    const waiting = lease.acquire().then(() => {
      granted = true;
    });
    await turns(3);
    expect(granted).toBe(false);
    lease.releaseFromWorker();
    await waiting;
    expect(granted).toBe(true);
    lease.release();
    expect(lease.tryAcquire()).toBe(true);
  });

  it("is shared through its buffer", () => {
    const lease = new WriteLease();
    const seenElsewhere = new WriteLease(lease.buffer);
    lease.acquireBlocking();
    expect(seenElsewhere.tryAcquire()).toBe(false);
    seenElsewhere.releaseFromWorker();
    expect(lease.tryAcquire()).toBe(true);
  });

  describe("with group commit", () => {
    let database: BetterSqlite3.Database;
    let db: Kysely<TestDb>;
    let lease: WriteLease;

    beforeEach(() => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), "write-lease-")), "test.sqlite");
      database = new BetterSqlite3(file);
      database.pragma("journal_mode = WAL");
      database.exec("create table notes (id integer primary key, body text not null)");
      lease = new WriteLease();
      db = new Kysely<TestDb>({
        dialect: new GroupCommitSqliteDialect(database, withStatementCache(database), lease),
      });
    });
    afterEach(() => db.destroy());

    it("starts no transaction and no write while the worker holds the lease; reads do", async () => {
      await db.insertInto("notes").values({ id: 1, body: "before" }).execute();
      lease.acquireBlocking();
      const read = await db.selectFrom("notes").select("id").execute();
      expect(read.map((row) => row.id)).toEqual([1]);
      const done: string[] = [];
      const inTransaction = db
        .transaction()
        .execute((trx) => trx.insertInto("notes").values({ id: 2, body: "in a group" }).execute())
        .then(() => done.push("transaction"));
      const alone = db
        .insertInto("notes")
        .values({ id: 3, body: "alone" })
        .execute()
        .then(() => done.push("write"));
      await turns(5);
      expect(done).toEqual([]);
      expect(database.inTransaction).toBe(false);
      lease.releaseFromWorker();
      await Promise.all([inTransaction, alone]);
      expect(done.sort()).toEqual(["transaction", "write"]);
      const rows = await db.selectFrom("notes").select("id").orderBy("id").execute();
      expect(rows.map((row) => row.id)).toEqual([1, 2, 3]);
      // Everything committed: the lease is free again.
      expect(lease.tryAcquire()).toBe(true);
      lease.release();
    });

    it("gives the lease back when a group fails", async () => {
      await expect(
        db.transaction().execute((trx) =>
          trx
            .insertInto("notes")
            .values({ id: 1, body: null as never })
            .execute(),
        ),
      ).rejects.toThrow();
      await turns(2);
      expect(lease.tryAcquire()).toBe(true);
      lease.release();
      await db.insertInto("notes").values({ id: 1, body: "after" }).execute();
    });
  });
});
