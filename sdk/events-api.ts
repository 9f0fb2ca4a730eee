import type { CloudClient } from "./client";
import type { EventStreamOptions } from "./event-stream";
import type { ApiEvent, Schemas } from "./types";

/** GET /v1/events filters (paging as in every list). */
export interface EventListQuery {
  /** Exact types or families (resource.*); sent as one comma list. */
  types?: string[];
  objectId?: string;
  createdGte?: string;
  createdLte?: string;
  /** Only events after this one, oldest first: the way to catch up from a known id. */
  after?: string;
  limit?: number;
  cursor?: string;
}

export interface EventsApi {
  /** One page of the event log (newest first; oldest first with `after`). */
  list(query?: EventListQuery): Promise<Schemas["EventList"]>;
  get(id: string): Promise<ApiEvent>;
  /** Every event type the platform emits, with a description and an example of its data. */
  types(): Promise<Schemas["EventTypeList"]>;
  /** The live event stream; reconnects after a drop and resumes after the last event seen. */
  stream(options?: EventStreamOptions): AsyncGenerator<ApiEvent, void, undefined>;
}

function listQuery(query: EventListQuery): Record<string, string> {
  const out: Record<string, string> = {};
  if (query.types?.length) out.type = query.types.join(",");
  if (query.objectId) out.object_id = query.objectId;
  if (query.createdGte) out.created_gte = query.createdGte;
  if (query.createdLte) out.created_lte = query.createdLte;
  if (query.after) out.after = query.after;
  if (query.limit !== undefined) out.limit = String(query.limit);
  if (query.cursor) out.cursor = query.cursor;
  return out;
}

export function eventsApi(
  client: Pick<CloudClient, "GET">,
  stream: EventsApi["stream"],
): EventsApi {
  return {
    list: async (query = {}) =>
      (await client.GET("/v1/events", { params: { query: listQuery(query) } })).data,
    get: async (id) => (await client.GET("/v1/events/{id}", { params: { path: { id } } })).data,
    types: async () => (await client.GET("/v1/event-types")).data,
    stream,
  };
}
