import type { Kysely } from "kysely";
import { fromJson, toJson } from "@/lib/db/json";
import type { Database, Environment, IdempotencyKeysTable } from "@/lib/db/schema";
import { inTenant } from "@/lib/db/tenant";
import { randomBase62 } from "@/lib/ids";

/** Answers are kept this long; after it the key is free for any request again. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** How long an unfinished request holds its key before a retry may take over (its process died). */
export const IDEMPOTENCY_LEASE_MS = 60_000;

export interface IdempotencyScope {
  organizationId: string;
  projectId: string;
  environment: Environment;
  key: string;
}

export interface IdempotentRequest {
  fingerprint: string;
  method: string;
  path: string;
}

export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type Claim =
  /** This request runs; it must later complete or release the key with this token. */
  | { kind: "owner"; token: string }
  | { kind: "replay"; answer: StoredAnswer }
  | { kind: "in_use" }
  | { kind: "mismatch" };

const scopeOf = (db: Kysely<Database>, scope: IdempotencyScope) =>
  db.selectFrom("idempotency_keys").where(inTenant(scope)).where("idempotency_key", "=", scope.key);

/**
 * Takes the key for this request, or says why not. Every write is a single atomic statement
 * (INSERT ... ON CONFLICT DO NOTHING, or a compare-and-set UPDATE), never read-then-write, so two
 * concurrent first requests cannot both run, on SQLite or PostgreSQL, in one process or many.
 */
export async function claimIdempotencyKey(
  db: Kysely<Database>,
  scope: IdempotencyScope,
  request: IdempotentRequest,
  now: Date,
  leaseMs = IDEMPOTENCY_LEASE_MS,
): Promise<Claim> {
  const at = now.toISOString();
  const token = randomBase62(20);
  const fresh = {
    fingerprint: request.fingerprint,
    method: request.method,
    path: request.path,
    lock_token: token,
    locked_until: new Date(now.getTime() + leaseMs).toISOString(),
    response_status: null,
    response_headers: null,
    response_body: null,
    created_at: at,
    expires_at: new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS).toISOString(),
  } satisfies Partial<IdempotencyKeysTable>;

  // A few rounds at most: each round either decides, or lost a race that changed the row.
  for (let round = 0; round < 4; round++) {
    const inserted = await db
      .insertInto("idempotency_keys")
      .values({
        project_id: scope.projectId,
        environment: scope.environment,
        idempotency_key: scope.key,
        organization_id: scope.organizationId,
        ...fresh,
      })
      .onConflict((oc) => oc.columns(["project_id", "environment", "idempotency_key"]).doNothing())
      .returning("lock_token")
      .executeTakeFirst();
    if (inserted) return { kind: "owner", token };

    const row = await scopeOf(db, scope).selectAll().executeTakeFirst();
    if (!row) continue; // released or cleaned up between the two statements

    if (row.expires_at <= at) {
      // Past its 24 hours: the key is free again. Only one taker wins the compare-and-set.
      const taken = await db
        .updateTable("idempotency_keys")
        .set(fresh)
        .where(inTenant(scope))
        .where("idempotency_key", "=", scope.key)
        .where("expires_at", "<=", at)
        .returning("lock_token")
        .executeTakeFirst();
      if (taken) return { kind: "owner", token };
      continue;
    }
    if (row.fingerprint !== request.fingerprint) return { kind: "mismatch" };
    if (row.response_status !== null) {
      return {
        kind: "replay",
        answer: {
          status: row.response_status,
          headers: fromJson<Record<string, string>>(row.response_headers, {}),
          body: row.response_body ?? "",
        },
      };
    }
    if (row.locked_until !== null && row.locked_until > at) return { kind: "in_use" };

    // The first request's lease ran out without an answer: its process died. Take over.
    const takenOver = await db
      .updateTable("idempotency_keys")
      .set({ lock_token: token, locked_until: fresh.locked_until })
      .where(inTenant(scope))
      .where("idempotency_key", "=", scope.key)
      .where("response_status", "is", null)
      .where((eb) =>
        row.locked_until === null
          ? eb("locked_until", "is", null)
          : eb("locked_until", "=", row.locked_until),
      )
      .returning("lock_token")
      .executeTakeFirst();
    if (takenOver) return { kind: "owner", token };
  }
  return { kind: "in_use" };
}

/** Stores the answer for replays; a no-op when another request took the key over meanwhile. */
export async function completeIdempotencyKey(
  db: Kysely<Database>,
  scope: IdempotencyScope,
  token: string,
  answer: StoredAnswer,
): Promise<boolean> {
  const updated = await db
    .updateTable("idempotency_keys")
    .set({
      response_status: answer.status,
      response_headers: toJson(answer.headers),
      response_body: answer.body,
      lock_token: null,
      locked_until: null,
    })
    .where(inTenant(scope))
    .where("idempotency_key", "=", scope.key)
    .where("lock_token", "=", token)
    .returning("idempotency_key")
    .executeTakeFirst();
  return updated !== undefined;
}

/** Forgets the key (after a 5xx or 429) so that a retry runs again. */
export async function releaseIdempotencyKey(
  db: Kysely<Database>,
  scope: IdempotencyScope,
  token: string,
): Promise<void> {
  await db
    .deleteFrom("idempotency_keys")
    .where(inTenant(scope))
    .where("idempotency_key", "=", scope.key)
    .where("lock_token", "=", token)
    .execute();
}

/** Deletes answers past their 24 hours; returns how many went. */
export async function deleteExpiredIdempotencyKeys(
  db: Kysely<Database>,
  now: Date,
): Promise<number> {
  const result = await db
    .deleteFrom("idempotency_keys")
    .where("expires_at", "<=", now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
