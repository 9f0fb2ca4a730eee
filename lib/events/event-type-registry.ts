/** One event type as `GET /v1/event-types` lists it. */
export interface EventTypeInfo {
  type: string;
  /** One line: what happened. */
  description: string;
  /** An example of the event's `data`. */
  example: Record<string, unknown>;
}

/**
 * Every event type, from the per-domain lists (lib/<domain>/event-types.ts), sorted by type. The
 * lists are passed in by the API surface because lib/events must not import the domains that
 * emit through it (no cycles between lib folders). A type listed twice is a programming error.
 */
export function eventTypeRegistry(lists: readonly (readonly EventTypeInfo[])[]): EventTypeInfo[] {
  const byType = new Map<string, EventTypeInfo>();
  for (const info of lists.flat()) {
    if (byType.has(info.type)) throw new Error(`event type ${info.type} is listed twice`);
    byType.set(info.type, info);
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}
