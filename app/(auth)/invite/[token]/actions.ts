"use server";

import { redirect } from "next/navigation";
import { rememberContext } from "@/lib/portal/context-cookies";
import { getPortalContext } from "@/lib/portal/current-context";
import { loadPortalContext } from "@/lib/portal/portal-context";
import { serverApiSend } from "@/lib/portal/server-api";
import { getRuntime } from "@/lib/runtime";

export type AcceptResult = { ok: false; message: string };

function detailOf(body: unknown): string | null {
  const detail = (body as { detail?: unknown } | null)?.detail;
  return typeof detail === "string" ? detail : null;
}

/**
 * Accepts through the API as the signed-in person (the API holds every rule), then makes the
 * inviting organization their current one and opens its dashboard.
 */
export async function acceptInviteAction(token: unknown): Promise<AcceptResult> {
  if (typeof token !== "string") return { ok: false, message: "This link is not valid." };
  const context = await getPortalContext();
  if (!context) return { ok: false, message: "Your session has ended. Sign in again." };
  const answer = await serverApiSend(context, "POST", "/v1/invitations/accept", { token });
  if (answer.status !== 200) {
    return {
      ok: false,
      message: detailOf(answer.body) ?? "The invitation could not be accepted. Try again.",
    };
  }
  const organizationId = (answer.body as { organization_id: string }).organization_id;
  const runtime = await getRuntime();
  const joined = await loadPortalContext(runtime.store.db, context.user.id, { organizationId });
  if (joined?.organization.id === organizationId) {
    await rememberContext(organizationId, joined.project.id);
  }
  redirect("/dashboard");
}
