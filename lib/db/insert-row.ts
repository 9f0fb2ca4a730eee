import { CompiledQuery, type Insertable, type Kysely, sql } from "kysely";
import type { Database } from "./schema";

/**
 * SQL text of the single-row INSERTs already compiled, per dialect (its adapter's class) and per
 * table and column list. Kysely builds and compiles a query object on every call (~20-30 us an
 * insert); a POST makes five of them, and the text only depends on these three things.
 */
const compiled = new Map<unknown, Map<string, string>>();

function insertSql(
  db: Kysely<Database>,
  table: keyof Database,
  columns: string[],
  conflict: readonly string[] | undefined,
): string {
  const dialect = db.getExecutor().adapter.constructor;
  let byShape = compiled.get(dialect);
  if (!byShape) {
    byShape = new Map();
    compiled.set(dialect, byShape);
  }
  const shape = `${table}(${columns.join(",")})${conflict ? `!(${conflict.join(",")})` : ""}`;
  let text = byShape.get(shape);
  if (text === undefined) {
    const placeholder = Object.fromEntries(columns.map((column) => [column, null]));
    // The builder's types cannot follow a table chosen at run time; the SQL is what matters.
    const insert = db.insertInto(table).values(placeholder as never);
    text = conflict
      ? insert
          .onConflict((oc) => oc.columns(conflict as never).doNothing())
          .returning(sql.lit(1).as("inserted"))
          .compile().sql
      : insert.compile().sql;
    byShape.set(shape, text);
  }
  return text;
}

/**
 * Inserts one row, as `db.insertInto(table).values(row).execute()` does (columns left undefined
 * are left out), in the caller's transaction when `db` is one. With `onConflictDoNothing`, a row
 * clashing on those columns is skipped; the answer says whether the row went in.
 */
export async function insertRow<T extends keyof Database>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]>,
  options: { onConflictDoNothing?: ReadonlyArray<keyof Database[T] & string> } = {},
): Promise<boolean> {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (value === undefined) continue;
    columns.push(column);
    values.push(value);
  }
  const conflict = options.onConflictDoNothing;
  const result = await db.executeQuery(
    CompiledQuery.raw(insertSql(db, table, columns, conflict), values),
  );
  return conflict ? result.rows.length > 0 : true;
}
