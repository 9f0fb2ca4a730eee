import type { CloudClient } from "./client";
import type { ListItem, ListPath, ListQuery, PathParams } from "./types";

interface Page {
  data: unknown[];
  meta: { next_cursor: string | null; has_more?: boolean };
}

/** Walks a list by cursor (stable under concurrent inserts) until next_cursor is null. */
export async function* paginate<P extends ListPath>(
  client: CloudClient,
  path: P,
  query: ListQuery<P> | undefined,
  options: { path?: PathParams<P>; pageSize?: number; signal?: AbortSignal },
): AsyncGenerator<ListItem<P>, void, undefined> {
  const limit = String(options.pageSize ?? 100);
  // The generic path erases openapi-fetch's per-path typing; the public signature keeps it.
  const get = client.GET as unknown as (
    url: string,
    init: { params: { path?: unknown; query: Record<string, unknown> }; signal?: AbortSignal },
  ) => Promise<{ data: Page }>;
  let cursor: string | null = null;
  do {
    const pageQuery: Record<string, unknown> = { ...query, limit };
    if (cursor) pageQuery.cursor = cursor;
    const { data } = await get(path, {
      params: { path: options.path, query: pageQuery },
      signal: options.signal,
    });
    for (const item of data.data) yield item as ListItem<P>;
    cursor = data.meta.next_cursor;
  } while (cursor);
}
