import type { Kysely } from "kysely";
import { toJson } from "@/lib/db/json";
import type { Database, Environment } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import { enqueueWebhookDeliveries } from "./enqueue-deliveries";

export interface NewEvent {
  organizationId: string;
  projectId: string;
  environment: Environment;
  type: string;
  objectId: string | null;
  data: unknown;
  at: Date;
}

/**
 * Records an event in the caller's transaction, with its webhook deliveries (one per matching
 * enabled endpoint), so an event and the work it causes commit together. The event stream reads
 * from here too.
 */
export async function emitEvent(db: Kysely<Database>, event: NewEvent): Promise<string> {
  const id = newId("evt");
  const data = toJson(event.data);
  const createdAt = event.at.toISOString();
  await db
    .insertInto("events")
    .values({
      id,
      organization_id: event.organizationId,
      project_id: event.projectId,
      environment: event.environment,
      type: event.type,
      object_id: event.objectId,
      data,
      created_at: createdAt,
    })
    .execute();
  await enqueueWebhookDeliveries(db, {
    id,
    organizationId: event.organizationId,
    projectId: event.projectId,
    environment: event.environment,
    type: event.type,
    objectId: event.objectId,
    dataJson: data,
    createdAt,
  });
  return id;
}
