import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { withStatementCache } from "./sqlite-statement-cache";

interface CounterDatabase {
  counters: { id: string; value: number };
}

/** SQLite only: the wrapper sits in front of better-sqlite3. */
describe("the SQLite statement cache", () => {
  const dirs: string[] = [];
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  const walFile = (): string => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cap-stmt-"));
    dirs.push(dir);
    const file = path.join(dir, "cloud.sqlite");
    const setup = new BetterSqlite3(file);
    setup.pragma("journal_mode = WAL");
    setup.exec("create table counters (id text primary key, value integer not null)");
    setup.exec("insert into counters values ('a', 0)");
    setup.close();
    return file;
  };

  it("begins transactions IMMEDIATE, so a read-then-write one never loses to another process's commit", async () => {
    const file = walFile();
    const database = new BetterSqlite3(file);
    database.pragma("busy_timeout = 5000");
    const db = new Kysely<CounterDatabase>({
      dialect: new SqliteDialect({ database: withStatementCache(database) }),
    });
    cleanups.push(() => db.destroy());
    // The other process: no busy wait, so a lock it cannot take shows at once.
    const other = new BetterSqlite3(file);
    other.pragma("busy_timeout = 0");
    cleanups.push(() => other.close());

    let otherWrite: unknown;
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("counters")
        .select("value")
        .where("id", "=", "a")
        .executeTakeFirstOrThrow();
      try {
        other.prepare("update counters set value = value + 100 where id = 'a'").run();
      } catch (error) {
        otherWrite = error;
      }
      // A deferred transaction would fail here (SQLITE_BUSY_SNAPSHOT) after the other commit.
      await trx
        .updateTable("counters")
        .set({ value: row.value + 1 })
        .where("id", "=", "a")
        .execute();
    });

    expect((otherWrite as { code?: string } | undefined)?.code).toBe("SQLITE_BUSY");
    const after = await sql<{ value: number }>`select value from counters where id = 'a'`.execute(
      db,
    );
    expect(after.rows[0]?.value).toBe(1);
    other.prepare("update counters set value = value + 100 where id = 'a'").run();
    expect(database.prepare("select value from counters where id = 'a'").get()).toEqual({
      value: 101,
    });
  });
});
