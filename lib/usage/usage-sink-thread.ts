/**
 * The usage sink's worker thread (started by lib/usage/usage-sink.ts): its own connection to the
 * SQLite file writes the batches the main thread hands over, each transaction under the write
 * lease. Batches are written one after another, in the order they arrive.
 */
import { parentPort, workerData } from "node:worker_threads";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "@/lib/db/schema";
import { WriteLease } from "@/lib/db/sqlite-write-lease";
import { UsageBatch } from "./usage-batch";
import { UsageBatchStore } from "./usage-batch-store";
import type { SinkReply, SinkRequest, SinkThreadData } from "./usage-sink";

/** Small transactions: the main thread's writes wait for the lease while one runs (~2 ms). */
const ROWS_PER_TRANSACTION = 256;

function start(port: NonNullable<typeof parentPort>, data: SinkThreadData): void {
  const database = new BetterSqlite3(data.file);
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = NORMAL");
  database.pragma("foreign_keys = ON");
  const lease = new WriteLease(data.lease);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  let current = 0;
  const reply = (message: SinkReply) => port.postMessage(message);
  const store = new UsageBatchStore(db, "sqlite", {
    rowsPerTransaction: ROWS_PER_TRANSACTION,
    exclusive: async (run) => {
      lease.acquireBlocking();
      try {
        return await run();
      } finally {
        lease.releaseFromWorker();
      }
    },
    onCommit: (batch) => reply({ id: current, written: batch.start, done: false, error: null }),
  });
  let queue = Promise.resolve();
  port.on("message", (message: SinkRequest) => {
    queue = queue.then(async () => {
      if (message.kind === "close") {
        await db.destroy();
        port.close();
        return;
      }
      current = message.id;
      const batch = UsageBatch.of(message.batch);
      try {
        await store.insert(batch);
        reply({ id: message.id, written: batch.start, done: true, error: null });
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        reply({ id: message.id, written: batch.start, done: true, error: text });
      }
    });
  });
  reply({ id: 0, written: 0, done: true, error: null });
}

if (parentPort) start(parentPort, workerData as SinkThreadData);
