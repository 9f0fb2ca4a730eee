import { type Kysely, type Migration, sql } from "kysely";

/** An audit row as 0001 made it, with what 0010 adds (the columns this migration fills). */
interface LegacyAuditRow {
  id: string;
  organization_id: string;
  actor_type: string;
  actor_id: string | null;
  target_type: string | null;
  target_id: string | null;
  data: string;
  created_at: string;
}

interface AuditStore {
  audit_log: LegacyAuditRow & {
    outcome: string;
    request_id: string | null;
    user_agent: string | null;
    targets: string;
    changes_before: string | null;
    changes_after: string | null;
  };
  audit_log_targets: {
    audit_id: string;
    organization_id: string;
    target_type: string;
    target_id: string;
    created_at: string;
  };
}

const BATCH = 500;

function parsed(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

const textOf = (value: unknown): string | null => (typeof value === "string" ? value : null);
const json = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/**
 * What the old `data` blob carried, split into the new columns: the outcome and the request's id
 * and user agent (kept there until now), before/after (also as the older from/to), and the rest,
 * which stays in data as details.
 */
function splitLegacy(row: LegacyAuditRow) {
  const {
    outcome,
    request_id: requestId,
    user_agent: userAgent,
    before,
    after,
    from,
    to,
    ...rest
  } = parsed(row.data);
  const targetName = textOf(rest.name) ?? textOf(rest.email) ?? textOf(rest.url);
  const targets =
    row.target_id === null
      ? []
      : [{ type: row.target_type ?? "object", id: row.target_id, name: targetName }];
  return {
    outcome: outcome === "denied" ? "denied" : "success",
    request_id: textOf(requestId),
    user_agent: textOf(userAgent),
    changes_before: json(before ?? from),
    changes_after: json(after ?? to),
    targets: JSON.stringify(targets),
    data: JSON.stringify(rest),
  };
}

/**
 * First-class audit columns (issue 13): the outcome, who acted (type, id, what to show), every
 * target (as JSON for display; one row each in audit_log_targets so target_id filters by any of
 * them), the request's context (ip was there; user agent, request id, source) and the change's
 * before/after. Existing rows are rewritten: what their data carried moves to the new columns.
 */
export const teamsAudit: Migration = {
  async up(db: Kysely<unknown>) {
    // SQLite takes one ADD COLUMN per statement.
    await db.schema
      .alterTable("audit_log")
      .addColumn("outcome", "text", (c) => c.notNull().defaultTo("success"))
      .execute();
    for (const column of ["actor_display", "request_id", "user_agent"]) {
      await db.schema.alterTable("audit_log").addColumn(column, "text").execute();
    }
    await db.schema
      .alterTable("audit_log")
      .addColumn("source", "text", (c) => c.notNull().defaultTo("api"))
      .execute();
    await db.schema
      .alterTable("audit_log")
      .addColumn("targets", "text", (c) => c.notNull().defaultTo("[]"))
      .execute();
    for (const column of ["changes_before", "changes_after"]) {
      await db.schema.alterTable("audit_log").addColumn(column, "text").execute();
    }

    await db.schema
      .createTable("audit_log_targets")
      .addColumn("audit_id", "text", (c) => c.notNull())
      .addColumn("organization_id", "text", (c) => c.notNull())
      .addColumn("target_type", "text", (c) => c.notNull())
      .addColumn("target_id", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("audit_log_targets_target")
      .on("audit_log_targets")
      .columns(["target_id", "audit_id"])
      .execute();
    await db.schema
      .createIndex("audit_log_targets_audit")
      .on("audit_log_targets")
      .column("audit_id")
      .execute();

    // The filters read one organization newest first by (created_at, id), like the list itself.
    await db.schema
      .createIndex("audit_log_org_actor_created")
      .on("audit_log")
      .columns(["organization_id", "actor_id", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("audit_log_org_action_created")
      .on("audit_log")
      .columns(["organization_id", "action", "created_at", "id"])
      .execute();
    // Retention deletes by time across organizations.
    await db.schema.createIndex("audit_log_created").on("audit_log").column("created_at").execute();

    // Who acted, as the API now names them, where they acted from, and what to show for them.
    await sql`update audit_log set actor_type = 'api_key' where actor_type = 'key'`.execute(db);
    await sql`update audit_log set source = case
        when actor_type = 'user' then 'portal'
        when actor_type = 'api_key' then 'api'
        when actor_id is not null then 'cli'
        else 'job' end`.execute(db);
    await sql`update audit_log set actor_display =
        (select users.email from users where users.id = audit_log.actor_id)
      where actor_type = 'user'`.execute(db);
    await sql`update audit_log set actor_display =
        (select api_keys.prefix || '...' || api_keys.last4 from api_keys
          where api_keys.id = audit_log.actor_id)
      where actor_type = 'api_key'`.execute(db);
    await sql`update audit_log set actor_display = coalesce(actor_id, 'system')
      where actor_type = 'system'`.execute(db);

    // The data blobs, in id order, a batch at a time (the store's JSON functions differ).
    const store = db as unknown as Kysely<AuditStore>;
    let after = "";
    for (;;) {
      const rows = await store
        .selectFrom("audit_log")
        .select([
          "id",
          "organization_id",
          "actor_type",
          "actor_id",
          "target_type",
          "target_id",
          "data",
          "created_at",
        ])
        .where("id", ">", after)
        .orderBy("id")
        .limit(BATCH)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) {
        await store
          .updateTable("audit_log")
          .set(splitLegacy(row))
          .where("id", "=", row.id)
          .execute();
        if (row.target_id !== null) {
          await store
            .insertInto("audit_log_targets")
            .values({
              audit_id: row.id,
              organization_id: row.organization_id,
              target_type: row.target_type ?? "object",
              target_id: row.target_id,
              created_at: row.created_at,
            })
            .execute();
        }
      }
      after = rows[rows.length - 1]!.id;
    }
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("audit_log_targets").ifExists().execute();
  },
};
