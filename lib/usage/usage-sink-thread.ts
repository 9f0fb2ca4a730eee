/**
 * The usage sink's worker thread (started by lib/usage/usage-sink.ts): its own connection writes
 * the batches the main thread hands over, one after another in the order they arrive. On SQLite
 * each transaction runs under the write lease; on PostgreSQL over one pooled connection.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { openPostgresPool, openSqliteConnection } from "@/lib/db/client";
import type { Database } from "@/lib/db/schema";
import { withStatementCache } from "@/lib/db/sqlite-statement-cache";
import { WriteLease } from "@/lib/db/sqlite-write-lease";
import { UsageBatch } from "./usage-batch";
import { UsageBatchStore } from "./usage-batch-store";
import type { SinkReply, SinkRequest, SinkThreadData } from "./usage-sink";

/** The main thread's writes wait for the lease while one of these runs (~2 ms). */
const SQLITE_ROWS_PER_TRANSACTION = 256;

type Exclusive = <T>(run: () => Promise<T>) => Promise<T>;

function openSqlite(file: string, buffer: SharedArrayBuffer): [Kysely<Database>, Exclusive] {
  const database = openSqliteConnection(file);
  const lease = new WriteLease(buffer);
  const exclusive: Exclusive = async (run) => {
    lease.acquireBlocking();
    try {
      return await run();
    } finally {
      lease.releaseFromWorker();
    }
  };
  // Prepared once, not per chunk: a 128-row INSERT has 1,792 placeholders to parse.
  const statements = withStatementCache(database);
  return [
    new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) }),
    exclusive,
  ];
}

function openPostgres(url: string): [Kysely<Database>, Exclusive] {
  const pool = openPostgresPool(url, 1);
  return [new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), (run) => run()];
}

function start(port: NonNullable<typeof parentPort>, data: SinkThreadData): void {
  const [db, exclusive] =
    data.kind === "sqlite" ? openSqlite(data.file, data.lease) : openPostgres(data.url);
  let current = 0;
  const reply = (message: SinkReply) => port.postMessage(message);
  const store = new UsageBatchStore(db, data.kind, {
    // SQLite: small transactions, since the main thread's writes wait for the lease meanwhile.
    rowsPerTransaction: data.kind === "sqlite" ? SQLITE_ROWS_PER_TRANSACTION : undefined,
    exclusive,
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
