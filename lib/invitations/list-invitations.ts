import type { InvitationStatus } from "@/lib/catalog/invitations";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { requireScope } from "@/lib/principal";
import type { InvitationContext } from "./invitation-context";
import { acceptUrlsOf, findInvitation, invitationsOf } from "./invitation-queries";
import { type InvitationView, toInvitationView } from "./invitation-view";

export interface ListInvitationsInput {
  page: ListQuery;
  status?: InvitationStatus | undefined;
}

/** The caller's organization's invitations, newest first, optionally of one status. */
export async function listInvitations(
  ctx: InvitationContext,
  input: ListInvitationsInput,
): Promise<Page<InvitationView>> {
  requireScope(ctx.principal, "members:read");
  const now = ctx.now.toISOString();
  let base = invitationsOf(ctx.db, ctx.principal.organizationId);
  if (input.status === "expired") {
    base = base.where("status", "=", "pending").where("expires_at", "<=", now);
  } else if (input.status === "pending") {
    base = base.where("status", "=", "pending").where("expires_at", ">", now);
  } else if (input.status) {
    base = base.where("status", "=", input.status);
  }
  const [rows, count] = await Promise.all([
    newestFirstWindow(base.selectAll(), "invitations", input.page).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const page = toPage(rows, input.page, Number(count.total));
  const urls = await acceptUrlsOf(ctx.db, page.data, ctx.principal, ctx.mail);
  return {
    data: page.data.map((row) => toInvitationView(row, ctx.now, urls.get(row.id) ?? null)),
    meta: page.meta,
  };
}

export async function getInvitation(ctx: InvitationContext, id: string): Promise<InvitationView> {
  requireScope(ctx.principal, "members:read");
  const row = await findInvitation(ctx.db, ctx.principal.organizationId, id);
  const urls = await acceptUrlsOf(ctx.db, [row], ctx.principal, ctx.mail);
  return toInvitationView(row, ctx.now, urls.get(row.id) ?? null);
}
