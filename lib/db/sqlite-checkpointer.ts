import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

/**
 * Copies the WAL back into the database file from a worker thread with its own connection, so
 * the checkpoint's fsyncs never block the event loop. Left to SQLite, the commit that crosses
 * wal_autocheckpoint (1000 pages, every ~70 resource creations) checkpoints synchronously on the
 * request path: measured here at 20-120 ms on a busy disk, a stall every waiting request pays.
 * PASSIVE never waits for readers or the writer; once it has copied every frame, the next commit
 * restarts the WAL from its start, so the file stays small. Durability is unchanged: a commit is
 * in the WAL before it is acknowledged, checkpoint or not.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
parentPort.postMessage("ready");
let stopped = false;
const tick = () => {
  if (stopped) return;
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // busy or locked: the next tick tries again, and the fallback autocheckpoint still bounds the WAL
  }
  setTimeout(tick, workerData.intervalMs);
};
parentPort.on("message", () => {
  stopped = true;
  db.close();
  parentPort.close();
});
setTimeout(tick, workerData.intervalMs);
`;

/** The main connection only checkpoints itself if the worker falls this far behind (~40 MB). */
const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
/** SQLite's own default, back in force whenever the worker is not running. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface SqliteCheckpointer {
  stop(): Promise<void>;
}

/**
 * `database` keeps SQLite's own autocheckpoint until the worker has opened the file, and gets it
 * back if the worker fails or stops, so the WAL stays bounded whatever happens to the thread.
 */
export function startSqliteCheckpointer(
  database: BetterSqlite3.Database,
  file: string,
  intervalMs = 100,
): SqliteCheckpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, intervalMs, module: "better-sqlite3" },
  });
  const autocheckpoint = (pages: number) => {
    if (database.open) database.pragma(`wal_autocheckpoint = ${pages}`);
  };
  worker.unref(); // never keeps the process alive
  worker.once("message", () => autocheckpoint(FALLBACK_AUTOCHECKPOINT_PAGES));
  worker.on("error", () => autocheckpoint(DEFAULT_AUTOCHECKPOINT_PAGES));
  const exited = new Promise<void>((resolve) =>
    worker.once("exit", () => {
      autocheckpoint(DEFAULT_AUTOCHECKPOINT_PAGES);
      resolve();
    }),
  );
  return {
    async stop() {
      worker.postMessage("stop");
      // A referenced timer: with the worker unref'd, an unref'd one would let the process end
      // here, mid-close (the admin CLI exited 0 before printing its error).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
