import type { Environment } from "./schema";

/** Tables of the event log (migration 0008), kept beside schema.ts so the shared file only lists them. */

export type EventActorType = "user" | "api_key" | "system";

/** The last seq handed out per project and environment; bumped in each event's transaction. */
export interface EventSequencesTable {
  project_id: string;
  environment: Environment;
  last_seq: number;
}
