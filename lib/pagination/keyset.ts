import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import { type Cursor, type ListQuery, windowOf } from "./list-query";

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

/**
 * A newest-first list's rows query: ordered by (created_at, id) descending and cut to the
 * page's window, in either pagination style (offset for pages, olderThan for a cursor).
 * `table` qualifies the columns ("resources").
 */
export function newestFirstWindow<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  table: string,
  page: ListQuery,
): SelectQueryBuilder<DB, TB, O> {
  const createdAt = `${table}.created_at`;
  const id = `${table}.id`;
  const { limit, offset } = windowOf(page);
  const windowed = query
    .orderBy(sql.ref(createdAt), "desc")
    .orderBy(sql.ref(id), "desc")
    .limit(limit)
    .offset(offset);
  return page.mode === "cursor" && page.after
    ? windowed.where(olderThan(createdAt, id, page.after))
    : windowed;
}
