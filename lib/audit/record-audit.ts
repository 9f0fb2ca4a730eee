import type { Kysely } from "kysely";
import { LRUCache } from "lru-cache";
import { insertRow } from "@/lib/db/insert-row";
import { toJson } from "@/lib/db/json";
import type { AuditSource, Database, Environment } from "@/lib/db/schema";
import { newId } from "@/lib/ids";
import type { DomainContext, Principal } from "@/lib/principal";

/** What an entry is about; the first target is the main one. */
export interface AuditTarget {
  type: string;
  id: string;
  name?: string | null | undefined;
}

type Fields = Record<string, unknown>;

export interface AuditEntry {
  action: string;
  targets: AuditTarget[];
  /** The object's fields before the change (null or absent: it did not exist). */
  before?: object | null | undefined;
  /** ... and after it (null or absent: it is gone, or nothing of it changed that is shown). */
  after?: object | null | undefined;
  /** Further facts that are neither (a reason, a count, a related id). */
  details?: Fields | undefined;
  /** A refused attempt at a sensitive action is recorded too (default success). */
  outcome?: "success" | "denied";
  /**
   * About the whole organization (its plan, members, ownership) rather than the acting key's
   * project and environment: every project's audit log shows it.
   */
  organizationWide?: boolean;
}

/**
 * Who acted: a signed-in member (user), an API key, or the system (a job, an operator's command;
 * its id names the operator when there is one).
 */
export type AuditActor =
  | { type: "user"; id: string | null; display?: string | null }
  | { type: "api_key"; id: string | null; display?: string | null }
  | { type: "system"; id: string | null; display?: string | null };

/** Who acted, where and when, for an entry no request's DomainContext describes. */
export interface AuditOrigin {
  actor: AuditActor;
  /** cli for an operator's command, job for background work. */
  source: AuditSource;
  organizationId: string;
  /** null for what belongs to the whole organization (its plan, its members). */
  projectId: string | null;
  environment: Environment | null;
  at: Date;
  ip?: string | null;
  requestId?: string | null;
  userAgent?: string | null;
}

function actorOf(principal: Principal): AuditActor {
  if (principal.kind === "api_key") return { type: "api_key", id: principal.keyId };
  if (principal.kind === "portal") return { type: "user", id: principal.userId };
  return { type: "system", id: null };
}

const SOURCE_OF: Record<Principal["kind"], AuditSource> = {
  api_key: "api",
  portal: "portal",
  system: "job",
};

export function originOf(ctx: DomainContext): AuditOrigin {
  return {
    actor: actorOf(ctx.principal),
    source: ctx.source ?? SOURCE_OF[ctx.principal.kind],
    organizationId: ctx.principal.organizationId,
    projectId: ctx.principal.projectId,
    environment: ctx.principal.environment,
    at: ctx.now,
    ip: ctx.ip ?? null,
    requestId: ctx.requestId ?? null,
    userAgent: ctx.userAgent ?? null,
  };
}

/** A field whose name says it holds a secret (a key's, a webhook's, a password's hash, a token). */
const SECRET_FIELD = /secret|password|hash|token/i;

/**
 * The fields without any secret, at any depth: callers pass views that never hold one, and this
 * keeps it so when a view grows a field.
 */
export function withoutSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutSecrets) as T;
  if (value === null || typeof value !== "object") return value;
  const kept: Fields = {};
  for (const [name, field] of Object.entries(value)) {
    if (!SECRET_FIELD.test(name)) kept[name] = withoutSecrets(field);
  }
  return kept as T;
}

/**
 * Displays already read, by actor: a user's e-mail and a key's prefix and last four never change
 * for an id (a rotation makes a new key), so every audited write after the first of an actor
 * skips the lookup instead of paying one more read per change.
 */
const knownDisplays = new LRUCache<string, string>({ max: 10_000 });

/** The actor as people recognise them: a member's e-mail, a key's redacted form, an operator. */
async function displayOf(db: Kysely<Database>, actor: AuditActor): Promise<string | null> {
  if (actor.display !== undefined) return actor.display;
  if (actor.id === null) return actor.type === "system" ? "system" : null;
  if (actor.type !== "user" && actor.type !== "api_key") return actor.id;
  const cacheKey = `${actor.type}:${actor.id}`;
  const known = knownDisplays.get(cacheKey);
  if (known !== undefined) return known;
  const display = await lookUpDisplay(db, actor.type, actor.id);
  if (display !== null) knownDisplays.set(cacheKey, display);
  return display;
}

async function lookUpDisplay(
  db: Kysely<Database>,
  type: "user" | "api_key",
  id: string,
): Promise<string | null> {
  if (type === "user") {
    const user = await db
      .selectFrom("users")
      .select("email")
      .where("id", "=", id)
      .executeTakeFirst();
    return user?.email ?? null;
  }
  const key = await db
    .selectFrom("api_keys")
    .select(["prefix", "last4"])
    .where("id", "=", id)
    .executeTakeFirst();
  return key ? `${key.prefix}...${key.last4}` : null;
}

const jsonOrNull = (value: object | null | undefined) =>
  value === null || value === undefined ? null : toJson(withoutSecrets(value));

/**
 * Writes one audit row in the caller's transaction. A domain function passes its context (the
 * principal acts, from the API or the portal); anything else says who acted with an origin.
 */
export async function recordAudit(
  db: Kysely<Database>,
  by: DomainContext | AuditOrigin,
  entry: AuditEntry,
): Promise<void> {
  const acting = "principal" in by ? originOf(by) : by;
  const origin = entry.organizationWide
    ? { ...acting, projectId: null, environment: null }
    : acting;
  const id = newId("aud");
  const at = origin.at.toISOString();
  const targets = entry.targets.map((t) => ({ type: t.type, id: t.id, name: t.name ?? null }));
  const first = targets[0];
  await insertRow(db, "audit_log", {
    id,
    organization_id: origin.organizationId,
    project_id: origin.projectId,
    environment: origin.environment,
    actor_type: origin.actor.type,
    actor_id: origin.actor.id,
    actor_display: await displayOf(db, origin.actor),
    action: entry.action,
    outcome: entry.outcome ?? "success",
    target_type: first?.type ?? null,
    target_id: first?.id ?? null,
    targets: toJson(targets),
    changes_before: jsonOrNull(entry.before),
    changes_after: jsonOrNull(entry.after),
    data: toJson(withoutSecrets(entry.details ?? {})),
    ip: origin.ip ?? null,
    user_agent: origin.userAgent ?? null,
    request_id: origin.requestId ?? null,
    source: origin.source,
    created_at: at,
  });
  const [only] = targets;
  if (targets.length === 1 && only) {
    await insertRow(db, "audit_log_targets", {
      audit_id: id,
      organization_id: origin.organizationId,
      target_type: only.type,
      target_id: only.id,
      created_at: at,
    });
  } else if (targets.length > 0) {
    await db
      .insertInto("audit_log_targets")
      .values(
        targets.map((t) => ({
          audit_id: id,
          organization_id: origin.organizationId,
          target_type: t.type,
          target_id: t.id,
          created_at: at,
        })),
      )
      .execute();
  }
}

/** Where an organization-wide change is recorded: no project, no environment. */
export function organizationWide(organizationId: string) {
  return { organizationId, projectId: null, environment: null };
}
