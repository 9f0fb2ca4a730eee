import type { Kysely } from "kysely";
import type { Database } from "@/lib/db/schema";
import { notFound } from "@/lib/errors";
import type { Principal } from "@/lib/principal";
import type { InvitationMailSettings } from "./invitation-context";
import { acceptUrlOf, tokenInMail } from "./invitation-token";
import type { InvitationRow } from "./invitation-view";

/** Invitations, always of one organization (another's are never seen). */
export function invitationsOf(db: Kysely<Database>, organizationId: string) {
  return db.selectFrom("invitations").where("organization_id", "=", organizationId);
}

export async function findInvitation(
  db: Kysely<Database>,
  organizationId: string,
  id: string,
): Promise<InvitationRow> {
  const row = await invitationsOf(db, organizationId)
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(`Invitation ${id}`);
  return row;
}

/**
 * The links of invitations whose mail was kept in the database rather than sent, read back from
 * that mail (tokens are stored hashed only), for callers who may manage members.
 */
export async function acceptUrlsOf(
  db: Kysely<Database>,
  rows: InvitationRow[],
  principal: Principal,
  settings: InvitationMailSettings,
): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  if (!principal.scopes.has("members:write")) return urls;
  const emailIds = rows
    .filter((row) => row.delivery === "stored" && row.status === "pending" && row.email_id)
    .map((row) => row.email_id as string);
  if (emailIds.length === 0) return urls;
  const mails = await db
    .selectFrom("emails")
    .select(["id", "body_text"])
    .where("id", "in", emailIds)
    .execute();
  const bodyById = new Map(mails.map((mail) => [mail.id, mail.body_text]));
  for (const row of rows) {
    const token = row.email_id ? tokenInMail(bodyById.get(row.email_id) ?? "") : null;
    if (token) urls.set(row.id, acceptUrlOf(settings.portalUrl, token));
  }
  return urls;
}

/** Who is inviting, as the invitation shows them (kept even after they leave). */
export async function inviterOf(
  db: Kysely<Database>,
  principal: Principal,
): Promise<Pick<InvitationRow, "invited_by_type" | "invited_by_id" | "invited_by_display">> {
  if (principal.kind === "portal") {
    const user = await db
      .selectFrom("users")
      .select("email")
      .where("id", "=", principal.userId ?? "")
      .executeTakeFirst();
    return {
      invited_by_type: "user",
      invited_by_id: principal.userId,
      invited_by_display: user?.email ?? null,
    };
  }
  if (principal.kind === "api_key") {
    const key = await db
      .selectFrom("api_keys")
      .select(["name", "prefix", "last4"])
      .where("id", "=", principal.keyId ?? "")
      .executeTakeFirst();
    return {
      invited_by_type: "api_key",
      invited_by_id: principal.keyId,
      invited_by_display: key ? `${key.name} (${key.prefix}...${key.last4})` : null,
    };
  }
  return { invited_by_type: "system", invited_by_id: null, invited_by_display: null };
}

export async function organizationNameOf(db: Kysely<Database>, id: string): Promise<string> {
  const org = await db
    .selectFrom("organizations")
    .select("name")
    .where("id", "=", id)
    .executeTakeFirst();
  return org?.name ?? "an organization";
}

/** Marks the invitation's live tokens replaced, so a link already mailed stops working. */
export async function retireTokens(
  trx: Kysely<Database>,
  invitationId: string,
  at: string,
): Promise<void> {
  await trx
    .updateTable("invitation_tokens")
    .set({ replaced_at: at })
    .where("invitation_id", "=", invitationId)
    .where("replaced_at", "is", null)
    .execute();
}
