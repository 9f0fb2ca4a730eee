import { type Expression, type SqlBool, sql } from "kysely";
import type { Cursor } from "./list-query";

/**
 * The "older than this cursor" condition for newest-first lists: created_at below, or the same
 * instant with a smaller id. Stable while rows are inserted, since new rows sort ahead.
 * Column names are qualified references such as "resources.created_at".
 */
export function olderThan(
  createdAtColumn: string,
  idColumn: string,
  cursor: Cursor,
): Expression<SqlBool> {
  const createdAt = sql.ref(createdAtColumn);
  const id = sql.ref(idColumn);
  return sql<SqlBool>`(${createdAt} < ${cursor.createdAt} or (${createdAt} = ${cursor.createdAt} and ${id} < ${cursor.id}))`;
}
