"use server";

import { refresh } from "next/cache";
import type { SwitchResult } from "@/components/shell/portal-context-provider";
import { rememberContext, rememberEnvironment } from "@/lib/portal/context-cookies";
import { getPortalContext } from "@/lib/portal/current-context";

const signedOut: SwitchResult = { ok: false, message: "Your session has ended. Sign in again." };

/** Switch to another organization the member belongs to (and to its first project). */
export async function selectOrganization(organizationId: unknown): Promise<SwitchResult> {
  const context = await getPortalContext();
  if (!context) return signedOut;
  const membership = context.memberships.find((m) => m.organizationId === organizationId);
  if (!membership) return { ok: false, message: "You are not a member of that organization." };
  const project = membership.projects[0];
  if (!project) return { ok: false, message: "That organization has no project yet." };
  await rememberContext(membership.organizationId, project.id);
  refresh();
  return { ok: true };
}

/** Switch project within the current organization. */
export async function selectProject(projectId: unknown): Promise<SwitchResult> {
  const context = await getPortalContext();
  if (!context) return signedOut;
  const membership = context.memberships.find((m) => m.organizationId === context.organization.id);
  const project = membership?.projects.find((p) => p.id === projectId);
  if (!project) return { ok: false, message: "That project is not in this organization." };
  await rememberContext(context.organization.id, project.id);
  refresh();
  return { ok: true };
}

/** Live or Sandbox (test): which data and keys the portal shows. */
export async function selectEnvironment(environment: unknown): Promise<SwitchResult> {
  if (environment !== "live" && environment !== "test") {
    return { ok: false, message: "Unknown environment." };
  }
  const context = await getPortalContext();
  if (!context) return signedOut;
  await rememberEnvironment(environment);
  refresh();
  return { ok: true };
}
