import type { Metadata } from "next";
import { MembersView } from "@/components/members/members-view";
import { QuerySeed } from "@/components/providers/query-seed";
import { queryKeys } from "@/lib/portal/query-keys";
import { requireDashboardContext } from "@/lib/portal/request-context";
import { prefetchState, scopeOf, serverApiGet } from "@/lib/portal/server-api";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const context = await requireDashboardContext("/dashboard/settings/members");
  // Members only: invitations may carry a link to pass on, which stays out of the page's HTML.
  const state = await prefetchState([
    {
      queryKey: queryKeys.members.list(scopeOf(context)),
      queryFn: () => serverApiGet(context, "/v1/members?per_page=100"),
    },
  ]);
  return (
    <QuerySeed queries={state}>
      <MembersView />
    </QuerySeed>
  );
}
