/**
 * Who may write to the SQLite file: the main thread's connection or a worker thread's (the usage
 * sink, lib/usage/usage-sink.ts). SQLite itself has one writer at a time, but a writer that finds
 * the file locked sleeps inside sqlite3_step (busy_timeout), which on the main thread would stall
 * every request. With the lease the main thread never meets a lock it did not expect: it waits for
 * the worker asynchronously, and the worker waits for the main thread with Atomics.wait, which
 * only blocks the worker.
 *
 * Cell 0 is the owner (FREE, MAIN or WORKER); cell 1 says the worker is waiting, so the main
 * thread, which could otherwise take the lease again right after releasing it, lets it in first.
 */
const FREE = 0;
const MAIN = 1;
const WORKER = 2;
const OWNER = 0;
const WORKER_WAITING = 1;
/** Longest single wait before the state is looked at again (a missed wake-up costs this much). */
const RECHECK_MS = 5;

type WaitAsync = (
  cell: Int32Array,
  index: number,
  value: number,
  timeoutMs: number,
) => { async: boolean; value: Promise<string> | string };

const waitAsync = (Atomics as unknown as { waitAsync?: WaitAsync }).waitAsync;

export class WriteLease {
  private readonly cell: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8)) {
    this.cell = new Int32Array(buffer);
  }

  /** Main thread: resolves once the lease is the main thread's. Never blocks the event loop. */
  async acquire(): Promise<void> {
    while (!this.tryAcquire()) await this.changeFrom(Atomics.load(this.cell, OWNER));
  }

  /** Main thread: takes the lease if nobody holds it and the worker is not waiting for it. */
  tryAcquire(): boolean {
    if (Atomics.load(this.cell, WORKER_WAITING) === 1) return false;
    return Atomics.compareExchange(this.cell, OWNER, FREE, MAIN) === FREE;
  }

  /** Main thread: gives the lease back. */
  release(): void {
    if (Atomics.compareExchange(this.cell, OWNER, MAIN, FREE) === MAIN)
      Atomics.notify(this.cell, OWNER);
  }

  /** Worker thread: blocks it until the lease is the worker's. */
  acquireBlocking(): void {
    Atomics.store(this.cell, WORKER_WAITING, 1);
    for (;;) {
      const owner = Atomics.compareExchange(this.cell, OWNER, FREE, WORKER);
      if (owner === FREE) break;
      Atomics.wait(this.cell, OWNER, owner, RECHECK_MS);
    }
    Atomics.store(this.cell, WORKER_WAITING, 0);
    Atomics.notify(this.cell, OWNER);
  }

  /** Worker thread: gives the lease back. */
  releaseFromWorker(): void {
    if (Atomics.compareExchange(this.cell, OWNER, WORKER, FREE) === WORKER)
      Atomics.notify(this.cell, OWNER);
  }

  /** Resolves when the owner may have changed from `owner` (or after RECHECK_MS). */
  private changeFrom(owner: number): Promise<unknown> {
    if (waitAsync) {
      const result = waitAsync(this.cell, OWNER, owner, RECHECK_MS);
      return result.async ? (result.value as Promise<string>) : Promise.resolve();
    }
    return new Promise((resolve) => setTimeout(resolve, 1));
  }
}
