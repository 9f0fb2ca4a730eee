import type { Role } from "@/lib/catalog/roles";
import { newestFirstWindow } from "@/lib/pagination/keyset";
import { type ListQuery, type Page, toPage } from "@/lib/pagination/list-query";
import { type DomainContext, requireScope } from "@/lib/principal";
import { activeKeysOf, findMember, MEMBER_COLUMNS, membersOf } from "./member-queries";
import { type MemberView, toMemberView } from "./member-view";

export interface ListMembersInput {
  page: ListQuery;
  role?: Role | undefined;
}

/** The caller's organization's members, newest first. */
export async function listMembers(
  ctx: DomainContext,
  input: ListMembersInput,
): Promise<Page<MemberView>> {
  requireScope(ctx.principal, "members:read");
  let base = membersOf(ctx.db, ctx.principal.organizationId);
  if (input.role) base = base.where("memberships.role", "=", input.role);
  const [rows, count] = await Promise.all([
    newestFirstWindow(
      base.select(MEMBER_COLUMNS).select(activeKeysOf),
      "memberships",
      input.page,
    ).execute(),
    base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow(),
  ]);
  const page = toPage(rows, input.page, Number(count.total));
  return { data: page.data.map(toMemberView), meta: page.meta };
}

export async function getMember(ctx: DomainContext, id: string): Promise<MemberView> {
  requireScope(ctx.principal, "members:read");
  return toMemberView(await findMember(ctx.db, ctx.principal.organizationId, id));
}
