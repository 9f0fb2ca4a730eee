import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { type SqliteCheckpointer, startSqliteCheckpointer } from "./sqlite-checkpointer";

const until = async (check: () => boolean, timeoutMs = 10_000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** SQLite only: PostgreSQL has no WAL file of ours to checkpoint. */
describe("the SQLite checkpoint worker", () => {
  const dirs: string[] = [];
  let checkpointer: SqliteCheckpointer | undefined;
  let database: BetterSqlite3.Database | undefined;
  afterEach(async () => {
    await checkpointer?.stop();
    database?.close();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  /** A fresh WAL database file; the connection is closed after the test. */
  const openWal = (): { db: BetterSqlite3.Database; file: string } => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cap-ckpt-"));
    dirs.push(dir);
    const file = path.join(dir, "cloud.sqlite");
    database = new BetterSqlite3(file);
    database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    return { db: database, file };
  };

  it("checkpoints the WAL off the main connection, which then only keeps a backstop", async () => {
    const { db, file } = openWal();
    const autocheckpoint = () => db.pragma("wal_autocheckpoint", { simple: true });
    expect(autocheckpoint()).toBe(1000);
    checkpointer = startSqliteCheckpointer(db, file, 20);
    await until(() => autocheckpoint() === 10_000);

    db.exec("create table blobs (id integer primary key, body blob)");
    const insert = db.prepare("insert into blobs (body) values (?)");
    // ~2,000 pages in one commit: more than SQLite's own 1,000-page autocheckpoint.
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(Buffer.alloc(4000, i % 251));
    })();
    const framesAfterTinyCommit = () => {
      insert.run(Buffer.alloc(10));
      const [result] = db.pragma("wal_checkpoint(NOOP)") as Array<{ log: number }>;
      return (result?.log ?? Number.NaN) < 100;
    };
    // Only the worker can have copied those frames back: once it has, the next commit restarts
    // the WAL, so it holds a handful of frames instead of thousands.
    await until(framesAfterTinyCommit);
  });

  it("(control) without the worker, the same commits leave thousands of frames in the WAL", () => {
    const { db } = openWal();
    db.pragma("wal_autocheckpoint = 10000");
    db.exec("create table blobs (id integer primary key, body blob)");
    const insert = db.prepare("insert into blobs (body) values (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(Buffer.alloc(4000, i % 251));
    })();
    insert.run(Buffer.alloc(10));
    const [result] = db.pragma("wal_checkpoint(NOOP)") as Array<{ log: number }>;
    expect(result?.log).toBeGreaterThan(2000);
  });

  it("gives the main connection SQLite's own autocheckpoint back when it stops", async () => {
    const { db, file } = openWal();
    checkpointer = startSqliteCheckpointer(db, file, 20);
    await until(() => db.pragma("wal_autocheckpoint", { simple: true }) === 10_000);
    await checkpointer.stop();
    checkpointer = undefined;
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
  });
});
