/** True when an endpoint's enabled_events (["*"], exact types, families like resource.*) match. */
export function matchesEvent(enabledEvents: readonly string[], type: string): boolean {
  for (const pattern of enabledEvents) {
    if (pattern === "*" || pattern === type) return true;
    if (pattern.endsWith(".*") && type.startsWith(pattern.slice(0, -1))) return true;
  }
  return false;
}

/** Sorted, without duplicates; ["*"] alone when "*" is among them (it covers everything). */
export function normaliseEnabledEvents(events: readonly string[]): string[] {
  if (events.includes("*")) return ["*"];
  return [...new Set(events)].sort();
}
