import { type ExpressionBuilder, sql } from "kysely";
import type { Database } from "@/lib/db/schema";

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

/**
 * The same match as `matchesEvent`, as a store condition for the events table: exact types by
 * equality, families by a prefix LIKE (the filter pattern only allows [a-z_.], so `_` is the one
 * character that needs escaping).
 */
export function eventTypeCondition(patterns: readonly string[]) {
  return (eb: ExpressionBuilder<Database, "events">) => {
    if (patterns.includes("*")) return sql<boolean>`1 = 1`;
    return eb.or(
      patterns.map((pattern) =>
        pattern.endsWith(".*")
          ? sql<boolean>`${sql.ref("events.type")} like ${`${pattern.slice(0, -1).replace(/_/g, "\\_")}%`} escape '\\'`
          : eb("events.type", "=", pattern),
      ),
    );
  };
}
