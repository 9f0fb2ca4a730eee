import {
  CompiledQuery,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  sql,
} from "kysely";
import { sqlCompiledOnce } from "@/lib/db/compiled-once";
import { postgresPoolOf } from "@/lib/db/postgres-handle";
import type { Database, Environment, ResourceStatus, ResourceType } from "@/lib/db/schema";
import { idleSqliteHandle, preparedRawStatement } from "@/lib/db/sqlite-handle";
import { inTenant } from "@/lib/db/tenant";
import { badRequest } from "@/lib/errors";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage, windowOf } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import { findRegion } from "@/lib/regions/catalog";
import { type ResourceViewRow, VIEW_COLUMNS, viewRowOf } from "./resource-view";

export interface ResourceFilters {
  type?: ResourceType | undefined;
  status?: ResourceStatus | undefined;
  region?: string | undefined;
  /** Name contains, case-insensitive. */
  q?: string | undefined;
  /** key:value pairs; every one must match. */
  labels?: Array<{ key: string; value: string }> | undefined;
}

export interface ListResourcesInput {
  page: ListQuery;
  filters: ResourceFilters;
}

/** `label=key:value` (or several) as pairs; the value may itself contain colons. */
export function parseLabelFilters(raw: string | string[] | undefined): ResourceFilters["labels"] {
  if (raw === undefined) return undefined;
  return (Array.isArray(raw) ? raw : [raw]).map((text) => {
    const colon = text.indexOf(":");
    return { key: text.slice(0, colon), value: text.slice(colon + 1) };
  });
}

/** LIKE pattern for "contains", with the wildcard characters of the text escaped. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type ResourceQuery = SelectQueryBuilder<Database, "resources", object>;

function applyFilters(
  query: ResourceQuery,
  ctx: DomainContext,
  filters: ResourceFilters,
): ResourceQuery {
  let q = query
    .where(inTenant(ctx.principal, "resources"))
    .where("resources.deleted_at", "is", null);
  if (filters.type) q = q.where("resources.type", "=", filters.type);
  if (filters.status) q = q.where("resources.status", "=", filters.status);
  if (filters.region) q = q.where("resources.region", "=", filters.region);
  if (filters.q) {
    // name_lower is written by the app, so the match is the same on SQLite and PostgreSQL.
    q = q.where(
      sql<boolean>`${sql.ref("resources.name_lower")} like ${containsPattern(filters.q)} escape '\\'`,
    );
  }
  for (const label of filters.labels ?? []) {
    q = q.where((eb: ExpressionBuilder<Database, "resources">) =>
      eb.exists(
        eb
          .selectFrom("resource_labels")
          .select("resource_labels.resource_id")
          .whereRef("resource_labels.resource_id", "=", "resources.id")
          .where(inTenant(ctx.principal, "resource_labels"))
          .where("resource_labels.key", "=", label.key)
          .where("resource_labels.value", "=", label.value),
      ),
    );
  }
  return q;
}

/** Newest first (created_at, then id), in either pagination style; total counts the filters. */
export async function listResources(
  ctx: DomainContext,
  input: ListResourcesInput,
): Promise<Page<ResourceViewRow>> {
  requireScope(ctx.principal, "resources:read");
  const { filters, page } = input;
  if (filters.region !== undefined && !findRegion(filters.region)) {
    const message = `region ${JSON.stringify(filters.region)} is not a region; see GET /v1/regions`;
    throw badRequest(message, [{ field: "region", code: "invalid_region", message }]);
  }
  // Either may answer at once (SQLite, no filters): no promise is made for them then.
  const rows = pageRows(ctx, filters, page);
  const total = countResources(ctx, filters);
  return toPage(await rows, page, await total);
}

function rowsQuery(ctx: DomainContext, filters: ResourceFilters, page: ListQuery) {
  const base = applyFilters(ctx.db.selectFrom("resources"), ctx, filters);
  return newestFirstWindow(
    base.select(VIEW_COLUMNS.map((c) => `resources.${c}` as const)),
    "resources",
    page,
  );
}

function pageRows(
  ctx: DomainContext,
  filters: ResourceFilters,
  page: ListQuery,
): ResourceViewRow[] | Promise<ResourceViewRow[]> {
  const { type, ...others } = filters;
  if (hasFilters(others)) return rowsQuery(ctx, filters, page).execute();
  // The common list (a type's list or all, no other filter) runs SQL compiled once.
  const after = page.mode === "cursor" ? page.after : null;
  const statement = plainListStatement(ctx, type !== undefined, after !== null);
  const { limit, offset } = windowOf(page);
  const values: Record<Slot, unknown> = {
    projectId: ctx.principal.projectId,
    environment: ctx.principal.environment,
    type,
    createdAt: after?.createdAt,
    id: after?.id,
    limit,
    offset,
  };
  const parameters = statement.slots.map((slot) => values[slot]);
  const database = idleSqliteHandle(ctx.db);
  if (database) return preparedRawStatement(database, statement.sql).all(parameters).map(viewRowOf);
  const pool = postgresPoolOf(ctx.db);
  if (pool) {
    const named = { name: statement.name, text: statement.sql, values: parameters };
    return pool.query({ ...named, rowMode: "array" }).then((result) => result.rows.map(viewRowOf));
  }
  const query = CompiledQuery.raw(statement.sql, parameters);
  return ctx.db.executeQuery<ResourceViewRow>(query).then((result) => result.rows);
}

type Slot = "projectId" | "environment" | "type" | "createdAt" | "id" | "limit" | "offset";

interface PlainListStatement {
  /** The name PostgreSQL prepares it under (once per connection). */
  name: string;
  sql: string;
  /** Which value goes in each parameter position. */
  slots: Slot[];
}

const plainListStatements = new WeakMap<Kysely<Database>, Map<string, PlainListStatement>>();
const SENTINEL_PAGE_SIZE = 1_000_000_000;

/**
 * The rows query of a list without filters (but a type), compiled once per store handle from the
 * same builder as every other list: built with marker values, whose parameter positions say
 * where each real value goes. Kysely would otherwise build and compile it per request (~15% of a
 * list's CPU).
 */
function plainListStatement(
  ctx: DomainContext,
  typed: boolean,
  cursor: boolean,
): PlainListStatement {
  let byShape = plainListStatements.get(ctx.db);
  if (!byShape) {
    byShape = new Map();
    plainListStatements.set(ctx.db, byShape);
  }
  const shape = `${typed}/${cursor}`;
  let statement = byShape.get(shape);
  if (!statement) {
    const markers = new Map<unknown, Slot>([
      ["\u0000projectId", "projectId"],
      ["\u0000environment", "environment"],
      ["\u0000type", "type"],
      ["\u0000createdAt", "createdAt"],
      ["\u0000id", "id"],
      [SENTINEL_PAGE_SIZE + 1, "limit"],
      [cursor ? 0 : SENTINEL_PAGE_SIZE, "offset"],
    ]);
    const marked: DomainContext = {
      ...ctx,
      principal: {
        ...ctx.principal,
        projectId: "\u0000projectId",
        environment: "\u0000environment" as Environment,
      },
    };
    const page: ListQuery = cursor
      ? {
          mode: "cursor",
          limit: SENTINEL_PAGE_SIZE,
          after: { createdAt: "\u0000createdAt", id: "\u0000id" },
        }
      : { mode: "page", page: 2, perPage: SENTINEL_PAGE_SIZE };
    const filters = typed ? { type: "\u0000type" as ResourceType } : {};
    const compiled = rowsQuery(marked, filters, page).compile();
    const slots = compiled.parameters.map((value) => {
      const slot = markers.get(value);
      if (!slot) throw new Error(`unexpected parameter in the list query: ${String(value)}`);
      return slot;
    });
    const name = `resource_list_${typed ? "typed" : "any"}_${cursor ? "cursor" : "page"}`;
    statement = { name, sql: compiled.sql, slots };
    byShape.set(shape, statement);
  }
  return statement;
}

function hasFilters(filters: ResourceFilters): boolean {
  return Boolean(
    filters.type || filters.status || filters.region || filters.q || filters.labels?.length,
  );
}

/** Without filters the kept count (resource_counts); with them, the matching rows counted. */
function countResources(ctx: DomainContext, filters: ResourceFilters): number | Promise<number> {
  if (!hasFilters(filters)) {
    const { projectId, environment } = ctx.principal;
    const parameters = [projectId, environment];
    const text = sqlCompiledOnce(
      ctx.db,
      "resource_kept_count",
      () =>
        ctx.db
          .selectFrom("resource_counts")
          .select("live")
          .where("project_id", "=", projectId)
          .where("environment", "=", environment)
          .compile(),
      parameters,
    );
    const database = idleSqliteHandle(ctx.db);
    if (database) {
      const kept = preparedRawStatement(database, text).get(parameters);
      return Number(kept?.[0] ?? 0);
    }
    const pool = postgresPoolOf(ctx.db);
    if (pool) {
      const named = { name: "resource_kept_count", text, values: parameters };
      return pool
        .query({ ...named, rowMode: "array" })
        .then((result) => Number(result.rows[0]?.[0] ?? 0));
    }
    return ctx.db
      .executeQuery<{ live: number }>(CompiledQuery.raw(text, parameters))
      .then((result) => Number(result.rows[0]?.live ?? 0));
  }
  return applyFilters(ctx.db.selectFrom("resources"), ctx, filters)
    .select((eb) => eb.fn.countAll<number>().as("total"))
    .executeTakeFirstOrThrow()
    .then((counted) => Number(counted.total));
}
