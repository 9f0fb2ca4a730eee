import { sql } from "kysely";
import type { EventsTable } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";

export type EventRow = Pick<EventsTable, "id" | "type" | "object_id" | "data" | "created_at">;

export interface ListEventsInput {
  page: ListQuery;
  /** Exact type, or a family ending in `.*`. */
  type?: string | undefined;
  objectId?: string | undefined;
}

/** The project's events in the caller's environment, newest first. */
export async function listEvents(
  ctx: DomainContext,
  input: ListEventsInput,
): Promise<Page<EventRow>> {
  requireScope(ctx.principal, "events:read");
  let base = ctx.db.selectFrom("events").where(inTenant(ctx.principal, "events"));
  if (input.type?.endsWith(".*")) {
    // The pattern only allows [a-z_.], so the prefix needs no LIKE escaping beyond `_`.
    const prefix = input.type.slice(0, -1).replace(/_/g, "\\_");
    base = base.where(sql<boolean>`${sql.ref("events.type")} like ${`${prefix}%`} escape '\\'`);
  } else if (input.type) {
    base = base.where("events.type", "=", input.type);
  }
  if (input.objectId) base = base.where("events.object_id", "=", input.objectId);

  const rowsQuery = newestFirstWindow(
    base.select([
      "events.id",
      "events.type",
      "events.object_id",
      "events.data",
      "events.created_at",
    ]),
    "events",
    input.page,
  );
  const [rows, count] = await Promise.all([
    rowsQuery.execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return toPage(rows, input.page, Number(count.total));
}

/** An event as JSON text; `data` is JSON we stored ourselves and goes out as stored. */
export function eventJson(row: EventRow): string {
  return `{"id":"${row.id}","type":${JSON.stringify(row.type)},"object_id":${row.object_id === null ? "null" : JSON.stringify(row.object_id)},"data":${row.data},"created_at":"${row.created_at}"}`;
}

export function eventPageJson(page: Page<EventRow>): string {
  return `{"data":[${page.data.map(eventJson).join(",")}],"meta":${JSON.stringify(page.meta)}}`;
}
