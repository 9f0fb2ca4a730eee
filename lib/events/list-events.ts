import type { Selectable } from "kysely";
import { sql } from "kysely";
import type { EventsTable } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";

export type EventRow = Pick<
  Selectable<EventsTable>,
  | "id"
  | "seq"
  | "type"
  | "object_id"
  | "data"
  | "created_at"
  | "request_id"
  | "actor_type"
  | "actor_id"
  | "previous"
>;

/** The columns of an EventRow, for every query that reads events out. */
export const EVENT_COLUMNS = [
  "events.id",
  "events.seq",
  "events.type",
  "events.object_id",
  "events.data",
  "events.created_at",
  "events.request_id",
  "events.actor_type",
  "events.actor_id",
  "events.previous",
] as const;

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

  const rowsQuery = newestFirstWindow(base.select(EVENT_COLUMNS), "events", input.page);
  const [rows, count] = await Promise.all([
    rowsQuery.execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  return toPage(rows, input.page, Number(count.total));
}

/** The object's type is the event type's family: resource.active is about a resource. */
function objectType(eventType: string): string {
  const dot = eventType.indexOf(".");
  return dot === -1 ? eventType : eventType.slice(0, dot);
}

/**
 * An event as one line of JSON text; `data` and `previous` are JSON we stored ourselves and go
 * out as stored.
 */
export function eventJson(row: EventRow): string {
  const objectId = row.object_id === null ? "null" : JSON.stringify(row.object_id);
  const object =
    row.object_id === null
      ? "null"
      : `{"type":${JSON.stringify(objectType(row.type))},"id":${objectId}}`;
  const previous = row.previous === null ? "" : `,"previous":${row.previous}`;
  const actor = `{"type":"${row.actor_type}","id":${row.actor_id === null ? "null" : JSON.stringify(row.actor_id)}}`;
  const requestId = row.request_id === null ? "null" : JSON.stringify(row.request_id);
  return `{"id":"${row.id}","seq":${Number(row.seq)},"type":${JSON.stringify(row.type)},"created_at":"${row.created_at}","object":${object},"object_id":${objectId},"data":${row.data}${previous},"request_id":${requestId},"actor":${actor}}`;
}

export function eventPageJson(page: Page<EventRow>): string {
  return `{"data":[${page.data.map(eventJson).join(",")}],"meta":${JSON.stringify(page.meta)}}`;
}
