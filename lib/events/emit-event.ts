import type { Kysely } from "kysely";
import { toJson } from "@/lib/db/json";
import type { Database, Environment } from "@/lib/db/schema";
import { newId } from "@/lib/ids";

export interface NewEvent {
  organizationId: string;
  projectId: string;
  environment: Environment;
  type: string;
  objectId: string | null;
  data: unknown;
  at: Date;
}

/** Records an event in the caller's transaction; webhooks and the event stream read from here. */
export async function emitEvent(db: Kysely<Database>, event: NewEvent): Promise<string> {
  const id = newId("evt");
  await db
    .insertInto("events")
    .values({
      id,
      organization_id: event.organizationId,
      project_id: event.projectId,
      environment: event.environment,
      type: event.type,
      object_id: event.objectId,
      data: toJson(event.data),
      created_at: event.at.toISOString(),
    })
    .execute();
  return id;
}
