import { AppError, type FieldError } from "@/lib/errors";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export interface Cursor {
  createdAt: string;
  id: string;
}

/** Cursor mode walks by (created_at, id); page mode by offset. Both order newest first. */
export type ListQuery =
  | { mode: "cursor"; limit: number; after: Cursor | null }
  | { mode: "page"; page: number; perPage: number };

export interface PageMeta {
  page: number | null;
  per_page: number;
  total: number;
  next_cursor: string | null;
  has_more: boolean;
}

export interface Page<T> {
  data: T[];
  meta: PageMeta;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`, "utf8").toString("base64url");
}

// Ids are `xxx_` + base62; request ids a client sent may also hold `_` and `-`.
const CURSOR_SHAPE =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[a-z]{2,4}_[A-Za-z0-9_-]{4,64}$/;

export function decodeCursor(text: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(text)) return null;
  const decoded = Buffer.from(text, "base64url").toString("utf8");
  if (!CURSOR_SHAPE.test(decoded)) return null;
  const bar = decoded.indexOf("|");
  return { createdAt: decoded.slice(0, bar), id: decoded.slice(bar + 1) };
}

function positiveInt(name: string, raw: string, max: number | null, errors: FieldError[]): number {
  if (!/^\d{1,9}$/.test(raw)) {
    errors.push({ field: name, code: "invalid", message: `${name} must be a positive integer` });
    return 0;
  }
  const value = Number(raw);
  if (value < 1 || (max !== null && value > max)) {
    const range = max === null ? "at least 1" : `between 1 and ${max}`;
    errors.push({ field: name, code: "out_of_range", message: `${name} must be ${range}` });
  }
  return value;
}

/**
 * Reads limit/cursor/page/per_page from a query string. Out-of-range or malformed values are a
 * 400 naming the parameter, never silently clamped; mixing cursor with page is a 400 too.
 */
export function parseListQuery(query: Record<string, string | undefined>): ListQuery {
  const errors: FieldError[] = [];
  const { limit, cursor, page, per_page: perPage } = query;
  if (cursor !== undefined && (page !== undefined || perPage !== undefined)) {
    errors.push({
      field: "cursor",
      code: "conflict",
      message: "cursor cannot be combined with page or per_page",
    });
  }
  if (limit !== undefined && (page !== undefined || perPage !== undefined)) {
    errors.push({
      field: "limit",
      code: "conflict",
      message: "limit cannot be combined with page or per_page; use per_page",
    });
  }
  const limitValue =
    limit === undefined ? DEFAULT_PAGE_SIZE : positiveInt("limit", limit, MAX_PAGE_SIZE, errors);
  const pageValue = page === undefined ? 1 : positiveInt("page", page, null, errors);
  const perPageValue =
    perPage === undefined
      ? DEFAULT_PAGE_SIZE
      : positiveInt("per_page", perPage, MAX_PAGE_SIZE, errors);
  let after: Cursor | null = null;
  if (cursor !== undefined) {
    after = decodeCursor(cursor);
    if (!after)
      errors.push({
        field: "cursor",
        code: "invalid",
        message: "cursor is malformed; pass meta.next_cursor unchanged",
      });
  }
  if (errors.length > 0) {
    throw new AppError("bad_request", errors.map((e) => e.message).join("; "), { errors });
  }
  if (cursor !== undefined || limit !== undefined)
    return { mode: "cursor", limit: limitValue, after };
  return { mode: "page", page: pageValue, perPage: perPageValue };
}

/** Rows fetched with one extra (size + 1) become a page and its meta. */
export function toPage<T extends { created_at: string; id: string }>(
  rows: T[],
  query: ListQuery,
  total: number,
): Page<T> {
  const size = query.mode === "cursor" ? query.limit : query.perPage;
  const hasMore = rows.length > size;
  const data = hasMore ? rows.slice(0, size) : rows;
  const last = data[data.length - 1];
  return {
    data,
    meta: {
      page: query.mode === "page" ? query.page : null,
      per_page: size,
      total,
      next_cursor:
        hasMore && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
      has_more: hasMore,
    },
  };
}

/** LIMIT and OFFSET for the store query (one extra row tells whether there is more). */
export function windowOf(query: ListQuery): { limit: number; offset: number } {
  if (query.mode === "cursor") return { limit: query.limit + 1, offset: 0 };
  return { limit: query.perPage + 1, offset: (query.page - 1) * query.perPage };
}
