import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getPortalContext } from "./current-context";
import type { PortalContext } from "./portal-context";
import { safeReturnPath } from "./request-path";

/**
 * The portal context once per request: the dashboard layout and the page both ask for it, and
 * React's cache makes that one session check and one set of queries.
 */
export const currentPortalContext = cache(getPortalContext);

/**
 * For every /dashboard page and layout: the context, or a redirect to /login that brings the
 * visitor back to `returnTo` afterwards. Pages call it too, because a client-side navigation
 * re-renders only the page, not the layout.
 */
export async function requireDashboardContext(returnTo: string): Promise<PortalContext> {
  const context = await currentPortalContext();
  if (!context) {
    const back = safeReturnPath(returnTo) ?? "/dashboard";
    redirect(`/login?callbackUrl=${encodeURIComponent(back)}`);
  }
  return context;
}
