import type { Selectable } from "kysely";
import type { EventsTable } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { AppError, notFound } from "@/lib/errors";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage, windowOf } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import { eventTypeCondition } from "./event-match";

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
  /** Exact types or families (resource.*), any of which matches. */
  types?: readonly string[] | undefined;
  objectId?: string | undefined;
  createdGte?: string | undefined;
  createdLte?: string | undefined;
  /** An event id: only events strictly after it, oldest first by seq. */
  after?: string | undefined;
}

/**
 * The project's events in the caller's environment, newest first; with `after`, the events
 * committed after that one, oldest first by seq (the order a consumer catching up needs). An
 * `after` no longer in the log answers 410 cursor_expired, as the stream does.
 */
export async function listEvents(
  ctx: DomainContext,
  input: ListEventsInput,
): Promise<Page<EventRow>> {
  requireScope(ctx.principal, "events:read");
  if (input.after !== undefined && input.page.mode === "cursor" && input.page.after !== null) {
    throw new AppError(
      "bad_request",
      "after cannot be combined with cursor; pass the last id as after",
      {
        errors: [
          { field: "after", code: "conflict", message: "after cannot be combined with cursor" },
        ],
      },
    );
  }
  let base = ctx.db.selectFrom("events").where(inTenant(ctx.principal, "events"));
  if (input.types && input.types.length > 0) base = base.where(eventTypeCondition(input.types));
  if (input.objectId) base = base.where("events.object_id", "=", input.objectId);
  // Stored times are UTC with milliseconds, so a normalised bound compares as text on both stores.
  if (input.createdGte) base = base.where("events.created_at", ">=", utc(input.createdGte));
  if (input.createdLte) base = base.where("events.created_at", "<=", utc(input.createdLte));

  let rowsQuery: Promise<EventRow[]>;
  if (input.after !== undefined) {
    base = base.where("events.seq", ">", await cursorSeq(ctx, input.after));
    const { limit, offset } = windowOf(input.page);
    rowsQuery = base
      .select(EVENT_COLUMNS)
      .orderBy("events.seq", "asc")
      .limit(limit)
      .offset(offset)
      .execute();
  } else {
    rowsQuery = newestFirstWindow(base.select(EVENT_COLUMNS), "events", input.page).execute();
  }
  const [rows, count] = await Promise.all([
    rowsQuery,
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const page = toPage(rows, input.page, Number(count.total));
  // The (created_at, id) cursor walks newest first; oldest-first pages continue with after=<last id>.
  if (input.after !== undefined) page.meta.next_cursor = null;
  return page;
}

/** A filter bound as stored times are written (UTC, milliseconds), so it compares as text. */
export function utc(timestamp: string): string;
export function utc(timestamp: string | undefined): string | undefined;
export function utc(timestamp: string | undefined): string | undefined {
  if (timestamp === undefined) return undefined;
  return new Date(timestamp).toISOString();
}

/** The seq of the cursor event; 410 cursor_expired when it is not (any longer) in the log. */
export async function cursorSeq(ctx: DomainContext, cursor: string): Promise<number> {
  const tenant = inTenant(ctx.principal, "events");
  const row = await ctx.db
    .selectFrom("events")
    .select("events.seq")
    .where(tenant)
    .where("events.id", "=", cursor)
    .executeTakeFirst();
  if (row) return Number(row.seq);
  const oldest = await ctx.db
    .selectFrom("events")
    .select("events.id")
    .where(tenant)
    .orderBy("events.seq", "asc")
    .limit(1)
    .executeTakeFirst();
  throw new AppError(
    "cursor_expired",
    `Event ${cursor} is not in the log (older than the retention, or never existed); resume from oldest_available`,
    { oldestAvailable: oldest?.id ?? null },
  );
}

/** One event of the caller's project and environment; 404 for any other tenant's id. */
export async function getEvent(ctx: DomainContext, id: string): Promise<EventRow> {
  requireScope(ctx.principal, "events:read");
  const row = await ctx.db
    .selectFrom("events")
    .select(EVENT_COLUMNS)
    .where(inTenant(ctx.principal, "events"))
    .where("events.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(`Event ${id}`);
  return row;
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
