import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import type { Logger } from "@/lib/logger";
import type { JobRunner } from "./job-runner";

/** What a feature's register<Feature>Jobs needs; lib/runtime.ts wires it once per process. */
export interface JobDeps {
  db: Kysely<Database>;
  /** Where the feature registers its handlers. */
  jobs: Pick<JobRunner, "register">;
  now: () => Date;
  logger: Logger;
}
