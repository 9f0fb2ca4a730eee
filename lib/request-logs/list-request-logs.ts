import {
  type Expression,
  type Kysely,
  PostgresAdapter,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from "kysely";
import type { Database } from "@/lib/db/schema";
import { type ListQuery, type Page, toPage, windowOf } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import type { RequestLogDto } from "@/lib/schemas/request-logs";
import {
  type LogRow,
  RAW_LOG_COLUMNS,
  type RawLogQuery,
  tenantScopeId,
  toRequestLogView,
  withDetails,
} from "./request-log-rows";

export interface RequestLogFilters {
  method?: string | undefined;
  /** "404" or "4xx". */
  status?: string | undefined;
  /** A path prefix as sent; one under /v1 also matches the same path under /sandbox/v1. */
  path?: string | undefined;
  /** A route template ("/v1/resources/:id"), as the usage page groups by. */
  route?: string | undefined;
  apiKeyId?: string | undefined;
  requestId?: string | undefined;
  ip?: string | undefined;
  createdGte?: string | undefined;
  createdLte?: string | undefined;
}

export interface ListRequestLogsInput extends RequestLogFilters {
  page: ListQuery;
}

export interface RequestLogPage extends Page<RequestLogDto> {
  meta: Page<RequestLogDto>["meta"] & { total_capped: boolean };
}

/**
 * Counting every match of a busy tenant would cost more than the page itself (~30 ms per
 * million rows on SQLite), so `total` counts up to this many and says when it stopped. Not
 * 10,000: a filtered count visits each matching row for what no index holds (the path, the
 * request id), and rows of one series lie all over the table: 10,001 of them cost 55-100 ms of
 * SQLite and 12-47 ms of PostgreSQL for `status=4xx&path=/v1/resources` over 1 M rows (machine
 * loaded), 1,001 of them 0.5-8 ms.
 */
export const TOTAL_CAP = 1_000;
/**
 * Up to this many matching series, each is read from its own (series_id, ts) range and the
 * ranges merged; more (a status class over many routes, say) are matched while walking the
 * tenant's rows, which such a common filter makes short anyway.
 */
const MAX_SERIES_RANGES = 32;

/** The tenant's series the method, status, route and key filters allow; null: no such filter. */
async function matchingSeries(
  db: Kysely<Database>,
  scopeId: number,
  filters: RequestLogFilters,
): Promise<number[] | null> {
  if (!filters.method && !filters.status && !filters.apiKeyId && !filters.route) return null;
  let query = db
    .selectFrom("request_series")
    .select(["id", "route"])
    .where("scope_id", "=", scopeId);
  if (filters.method) query = query.where("method", "=", filters.method);
  if (filters.apiKeyId) query = query.where("key_id", "=", filters.apiKeyId);
  if (filters.route) query = query.where("route", "=", filters.route);
  if (filters.status) {
    const hundreds = Number(filters.status[0]) * 100;
    query = filters.status.endsWith("xx")
      ? query.where("status", ">=", hundreds).where("status", "<=", hundreds + 99)
      : query.where("status", "=", Number(filters.status));
  }
  const rows = await query.execute();
  const path = filters.path;
  return rows.filter((r) => !path || routeMayMatch(r.route, path)).map((r) => Number(r.id));
}

/**
 * False when no request of `route` can have a path under `prefix`: every such path starts with the
 * route's literal head (before its first parameter), or with /sandbox and that head. Dropping such
 * a series before reading matters: its range held no match, so it was walked to its end (15,000
 * rows and ~60 ms of SQLite for /v1/events' 400s under `status=4xx&path=/v1/resources`). Paths are
 * stored as sent, which Hono matches percent-decoded: a prefix with `%` is never ruled out.
 */
function routeMayMatch(route: string, prefix: string): boolean {
  if (!route.startsWith("/") || prefix.includes("%")) return true;
  const cut = route.search(/[:*{]/);
  const head = cut === -1 ? route : route.slice(0, cut);
  const heads = [head, `/sandbox${head}`];
  const prefixes = prefix.startsWith("/v1") ? [prefix, `/sandbox${prefix}`] : [prefix];
  return prefixes.some((p) => heads.some((h) => p.startsWith(h) || h.startsWith(p)));
}

/**
 * Paths starting with `prefix`. PostgreSQL gets LIKE (case-sensitive there): it estimates LIKE from
 * the column's statistics, where a substr() comparison got a fixed 0.5% that made it walk the
 * tenant's whole ts index for each series of `status=4xx&path=/v1/resources` (22 ms per series
 * over 1 M rows, 0.2 ms with LIKE). SQLite keeps substr(): its LIKE ignores case.
 */
function pathPrefix(prefix: string, postgres: boolean): Expression<SqlBool> {
  const one = (p: string) =>
    postgres
      ? sql<SqlBool>`request_log.path like ${`${p.replace(/[\\%_]/g, "\\$&")}%`}`
      : sql<SqlBool>`substr(request_log.path, 1, ${sql.lit(p.length)}) = ${p}`;
  if (!prefix.startsWith("/v1")) return one(prefix);
  return sql<SqlBool>`(${one(prefix)} or ${one(`/sandbox${prefix}`)})`;
}

/** The tenant's raw rows with every filter but the series one (the caller adds that). */
function filtered(
  db: Kysely<Database>,
  scopeId: number,
  input: ListRequestLogsInput,
  withCursor: boolean,
  postgres: boolean,
): RawLogQuery {
  let query = db
    .selectFrom("request_log")
    .select(RAW_LOG_COLUMNS)
    .where("request_log.scope_id", "=", scopeId)
    // Rows moved from before request logging have no request id: usage counts only.
    .where("request_log.request_id", "is not", null) as RawLogQuery;
  if (input.requestId) query = query.where("request_log.request_id", "=", input.requestId);
  if (input.ip) query = query.where("request_log.ip", "=", input.ip);
  if (input.path) query = query.where(pathPrefix(input.path, postgres));
  if (input.createdGte) query = query.where("request_log.ts", ">=", Date.parse(input.createdGte));
  if (input.createdLte) query = query.where("request_log.ts", "<=", Date.parse(input.createdLte));
  const page = input.page;
  if (withCursor && page.mode === "cursor" && page.after) {
    const ts = Date.parse(page.after.createdAt);
    const id = page.after.id;
    // Written so the (.., ts) indexes bound the walk: ts <= cursor, then the tie on request id.
    query = query.where(
      sql<SqlBool>`request_log.ts <= ${ts} and (request_log.ts < ${ts} or request_log.request_id < ${id})`,
    );
  }
  return query;
}

function newestFirst(query: RawLogQuery, limit: number, offset: number): RawLogQuery {
  return query
    .orderBy("request_log.ts", "desc")
    .orderBy("request_log.request_id", "desc")
    .limit(limit)
    .offset(offset);
}

/** Counting rows: only whether a row matched matters, so each selects the literal 1. */
function ones(query: RawLogQuery) {
  return query.clearSelect().select(sql.lit(1).as("one"));
}

/**
 * `select * from (part) as one`, for each part, joined by UNION ALL: one statement whose parts
 * each read their own index range. The callers pass at least one part (an empty series list
 * answers before this), which the reduce without a seed relies on.
 */
function unionAllOf<O>(
  db: Kysely<Database>,
  parts: readonly SelectQueryBuilder<Database, "request_log", O>[],
) {
  return parts
    .map((part) => db.selectFrom(part.as("one")).selectAll())
    .reduce((union, part) => union.unionAll(part));
}

function emptyPage(page: ListQuery): RequestLogPage {
  const empty = toPage<RequestLogDto>([], page, 0);
  return { ...empty, meta: { ...empty.meta, total_capped: false } };
}

/**
 * The request logs of the caller's project and environment, newest first (answer time, then
 * request id), in either pagination style. Reads the tenant's (scope_id, ts) index, or each
 * matching series' (series_id, ts) range; `total` is counted up to TOTAL_CAP.
 */
export async function listRequestLogs(
  ctx: DomainContext,
  input: ListRequestLogsInput,
): Promise<RequestLogPage> {
  requireScope(ctx.principal, "logs:read");
  const { db } = ctx;
  const scopeId = await tenantScopeId(db, ctx.principal);
  if (scopeId === null) return emptyPage(input.page);
  const series = await matchingSeries(db, scopeId, input);
  if (series !== null && series.length === 0) return emptyPage(input.page);

  const { limit, offset } = windowOf(input.page);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const base = filtered(db, scopeId, input, true, postgres);
  const all = filtered(db, scopeId, input, false, postgres);
  const ranges = series && series.length <= MAX_SERIES_RANGES && !input.requestId;
  let counted: ReturnType<typeof ones>;
  if (ranges && !postgres) {
    // SQLite counts through the same per-series ranges, in index order so it reads
    // (series_id, ts) and stops at the cap: walking the tenant's rows for 1,001 matches of
    // status=4xx&path=/v1/resources took 3.5-8 ms over 1 M rows, the ranges 0.4-0.7 ms.
    // PostgreSQL stays on the one statement: for each range it built a bitmap of the whole series.
    const union = unionAllOf(
      db,
      series.map((id) =>
        ones(all.where("request_log.series_id", "=", id))
          .orderBy("request_log.series_id", "desc")
          .orderBy("request_log.ts", "desc")
          .limit(TOTAL_CAP + 1),
      ),
    );
    counted = db.selectFrom(union.as("ranges")).selectAll() as unknown as typeof counted;
  } else {
    // Newest first, as the page reads: PostgreSQL otherwise counted from the heap's oldest end
    // (7.5 ms for 1,001 matches of 4xx+path over 1 M rows, 1.5 ms from the newest end).
    counted = ones(series ? all.where("request_log.series_id", "in", series) : all).orderBy(
      "request_log.ts",
      "desc",
    );
  }
  let raw: RawLogQuery;
  if (ranges) {
    // Each series' newest rows from its own range, merged: a rare key costs as little as a busy one.
    const union = unionAllOf(
      db,
      series.map((id) =>
        newestFirst(base.where("request_log.series_id", "=", id), limit + offset, 0),
      ),
    );
    raw = db
      .selectFrom(union.as("merged"))
      .selectAll()
      .orderBy("merged.ts", "desc")
      .orderBy("merged.request_id", "desc")
      .limit(limit)
      .offset(offset) as unknown as RawLogQuery;
  } else {
    const inSeries = series ? base.where("request_log.series_id", "in", series) : base;
    raw = newestFirst(inSeries, limit, offset);
  }

  const [rows, count] = await Promise.all([
    withDetails(db, raw).execute() as Promise<LogRow[]>,
    db
      .selectFrom(counted.limit(TOTAL_CAP + 1).as("c"))
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const total = Number(count.n);
  const page = toPage(rows.map(toRequestLogView), input.page, Math.min(total, TOTAL_CAP));
  return { ...page, meta: { ...page.meta, total_capped: total > TOTAL_CAP } };
}
