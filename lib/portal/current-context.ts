import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession } from "next-auth";
import { isActivityStale, recordMemberActivity } from "@/lib/members/member-activity";
import { authOptions } from "@/lib/portal/auth-options";
import { getRuntime } from "@/lib/runtime";
import { CONTEXT_COOKIES, loadPortalContext, type PortalContext } from "./portal-context";

/** The signed-in member's context for this request, or null when signed out. */
export async function getPortalContext(): Promise<PortalContext | null> {
  const session = await getServerSession(await authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  const jar = await cookies();
  const runtime = await getRuntime();
  const context = await loadPortalContext(runtime.store.db, userId, {
    organizationId: jar.get(CONTEXT_COOKIES.organization)?.value,
    projectId: jar.get(CONTEXT_COOKIES.project)?.value,
    environment: jar.get(CONTEXT_COOKIES.environment)?.value,
  });
  // "Last active" on the members page; never worth failing or slowing a page for. The context
  // already read the last record: a render only writes (and waits for SQLite's one writer) when
  // it is stale, not on every page.
  const now = runtime.now();
  if (context && isActivityStale(context.lastActiveAt, now)) {
    recordMemberActivity(runtime.store.db, context.organization.id, userId, now).catch(
      (error: unknown) => runtime.logger.warn({ err: error }, "recording member activity failed"),
    );
  }
  return context;
}

/** For pages behind sign-in: signed-out visitors go to /login and come back afterwards. */
export async function requirePortalContext(returnTo: string): Promise<PortalContext> {
  const context = await getPortalContext();
  if (!context) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return context;
}
