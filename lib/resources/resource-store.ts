import { CompiledQuery, type Kysely } from "kysely";
import type { QueryArrayConfig } from "pg";
import { TYPE_LABELS } from "@/lib/catalog/resources";
import { postgresPoolOf } from "@/lib/db/postgres-handle";
import type { Database, ResourcesTable, ResourceType } from "@/lib/db/schema";
import { idleSqliteHandle, preparedRawStatement } from "@/lib/db/sqlite-handle";
import { inTenant, tenantOfRow } from "@/lib/db/tenant";
import { notFound } from "@/lib/errors";
import type { Principal } from "@/lib/principal";
import { RESOURCE_ID_PATTERN } from "@/lib/schemas/resources";
import { type ResourceViewRow, VIEW_COLUMNS, viewRowOf } from "./resource-view";

export type ResourceRow = ResourcesTable;

export function resourceNotFound(id: string, type?: ResourceType) {
  return notFound(`${type ? TYPE_LABELS[type] : "Resource"} ${id}`);
}

interface ReadStatements {
  any: string;
  typed: string;
}

// The hot read's SQL, built once per store handle: Kysely would otherwise rebuild and recompile
// the query on every request, and the SQLite statement cache keys on this exact text.
const readStatements = new WeakMap<Kysely<Database>, ReadStatements>();

function statementsFor(db: Kysely<Database>): ReadStatements {
  let statements = readStatements.get(db);
  if (!statements) {
    const base = db
      .selectFrom("resources")
      .select(VIEW_COLUMNS)
      .where("id", "=", "")
      .where(inTenant({ projectId: "", environment: "live" }))
      .where("deleted_at", "is", null);
    statements = {
      any: base.compile().sql,
      typed: base.where("type", "=", "instance").compile().sql,
    };
    readStatements.set(db, statements);
  }
  return statements;
}

/**
 * One primary-key read, filtered by project and environment; undefined when not visible. On
 * SQLite (outside a transaction) it runs a prepared better-sqlite3 statement and answers at once:
 * the read takes ~6 us, and going through Kysely's driver and promises cost twice that again.
 * On PostgreSQL it is a named statement on the pool (prepared once per connection).
 * Elsewhere (a transaction) it answers through Kysely.
 */
export function findResourceView(
  db: Kysely<Database>,
  principal: Principal,
  id: string,
  type?: ResourceType,
): ResourceViewRow | undefined | Promise<ResourceViewRow | undefined> {
  if (!RESOURCE_ID_PATTERN.test(id)) return undefined;
  const database = idleSqliteHandle(db);
  if (database) {
    const statements = statementsFor(db);
    const values =
      type === undefined
        ? preparedRawStatement(database, statements.any).get(
            id,
            principal.projectId,
            principal.environment,
          )
        : preparedRawStatement(database, statements.typed).get(
            id,
            principal.projectId,
            principal.environment,
            type,
          );
    return values === undefined ? undefined : viewRowOf(values);
  }
  const statements = statementsFor(db);
  const pool = postgresPoolOf(db);
  if (pool) {
    // Rows as arrays here too: pg would otherwise build each row object field by field.
    const named: QueryArrayConfig =
      type === undefined
        ? {
            name: "resource_view",
            text: statements.any,
            values: [id, principal.projectId, principal.environment],
            rowMode: "array",
          }
        : {
            name: "resource_view_typed",
            text: statements.typed,
            values: [id, principal.projectId, principal.environment, type],
            rowMode: "array",
          };
    return pool.query(named).then((result) => {
      const values = result.rows[0];
      return values === undefined ? undefined : viewRowOf(values);
    });
  }
  const query =
    type === undefined
      ? CompiledQuery.raw(statements.any, [id, principal.projectId, principal.environment])
      : CompiledQuery.raw(statements.typed, [id, principal.projectId, principal.environment, type]);
  return db.executeQuery<ResourceViewRow>(query).then((result) => result.rows[0]);
}

/**
 * Reads a live resource for a change and takes its row lock (an UPDATE locks the row on
 * PostgreSQL; SQLite transactions are serial anyway). Lock the subject first, then what it
 * references, so a concurrent DELETE and a new reference cannot both succeed.
 */
export async function lockResource(
  trx: Kysely<Database>,
  principal: Principal,
  id: string,
  type?: ResourceType,
): Promise<ResourceRow | undefined> {
  if (!RESOURCE_ID_PATTERN.test(id)) return undefined;
  return trx
    .updateTable("resources")
    .set((eb) => ({ lock_version: eb("lock_version", "+", 1) }))
    .where("id", "=", id)
    .where(inTenant(principal))
    .where("deleted_at", "is", null)
    .$if(type !== undefined, (q) => q.where("type", "=", type as ResourceType))
    .returningAll()
    .executeTakeFirst();
}

/** lockResource, or a 404 naming the type the route serves. */
export async function requireLockedResource(
  trx: Kysely<Database>,
  principal: Principal,
  id: string,
  type?: ResourceType,
): Promise<ResourceRow> {
  const row = await lockResource(trx, principal, id, type);
  if (!row) throw resourceNotFound(id, type);
  return row;
}

/** Writes changed columns of a locked row and returns the row as it now is. */
export async function updateResourceRow(
  trx: Kysely<Database>,
  row: ResourceRow,
  changes: Partial<Omit<ResourceRow, "id" | "project_id" | "environment" | "organization_id">>,
): Promise<ResourceRow> {
  await trx
    .updateTable("resources")
    .set(changes)
    .where("id", "=", row.id)
    .where(inTenant(tenantOfRow(row)))
    .execute();
  return { ...row, ...changes };
}
