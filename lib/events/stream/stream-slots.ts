/** One open stream's place in its key's quota; release() is safe to call more than once. */
export interface StreamSlot {
  release(): void;
}

/**
 * Counts open event streams per key (or member) for the "at most 10 per key" limit. With several
 * instances the count must be shared (Redis, or PostgreSQL advisory locks), else each instance
 * would allow 10 of its own.
 */
export interface StreamSlots {
  /**
   * A slot for `holder`, or null when `max` are open already. `onLost` is called when the slot
   * can no longer be vouched for (its entry expired or its connection dropped, or shutdown): the
   * stream should end so the client reconnects and counts again.
   */
  acquire(holder: string, max: number, onLost: () => void): Promise<StreamSlot | null>;
  /** Shutdown: ends every stream holding a slot here and gives the slots back. */
  close(): Promise<void>;
}

/** One instance alone (SQLite without Redis): an in-process count. */
export function createMemoryStreamSlots(): StreamSlots {
  const open = new Map<string, Set<() => void>>();
  return {
    async acquire(holder, max, onLost) {
      const held = open.get(holder) ?? new Set<() => void>();
      if (held.size >= max) return null;
      open.set(holder, held);
      const entry = () => onLost();
      held.add(entry);
      return {
        release() {
          held.delete(entry);
          if (held.size === 0 && open.get(holder) === held) open.delete(holder);
        },
      };
    },
    async close() {
      const lost = [...open.values()].flatMap((held) => [...held]);
      open.clear();
      for (const onLost of lost) onLost();
    },
  };
}
