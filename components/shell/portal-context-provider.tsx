"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useTransition } from "react";
import { toast } from "@/components/ui/toaster";
import type { Permission } from "@/lib/catalog/roles";
import type { PortalContext } from "@/lib/portal/portal-context";

/** What the signed-in shell knows about the member, given to every client component below it. */
export interface PortalContextValue extends PortalContext {
  /** What the member's role may do in the current organization (from lib/catalog/roles). */
  permissions: readonly Permission[];
}

export type SwitchResult = { ok: true } | { ok: false; message: string };

/** Server actions (app/dashboard/actions.ts) handed down by the layout. */
export interface ContextActions {
  selectOrganization: (organizationId: string) => Promise<SwitchResult>;
  selectProject: (projectId: string) => Promise<SwitchResult>;
  selectEnvironment: (environment: "live" | "test") => Promise<SwitchResult>;
}

interface Holder {
  value: PortalContextValue;
  actions: ContextActions;
}

const PortalContextReact = createContext<Holder | null>(null);

export function PortalContextProvider({
  value,
  actions,
  children,
}: {
  value: PortalContextValue;
  actions: ContextActions;
  children: ReactNode;
}) {
  return (
    <PortalContextReact.Provider value={{ value, actions }}>{children}</PortalContextReact.Provider>
  );
}

function useHolder(): Holder {
  const holder = useContext(PortalContextReact);
  if (!holder) throw new Error("usePortalContext() must be used inside the /dashboard layout");
  return holder;
}

/** The member's user, organization (+ plan), project, environment, role and permissions. */
export function usePortalContext(): PortalContextValue {
  return useHolder().value;
}

/**
 * Put this first in every react-query key of portal data, so switching organization, project
 * or environment never shows the previous scope's cached data:
 * `useQuery({ queryKey: [...usePortalScopeKey(), "resources", filters], ... })`.
 */
export function usePortalScopeKey(): readonly [string, string, "live" | "test"] {
  const { organization, project, environment } = useHolder().value;
  return [organization.id, project.id, environment] as const;
}

/** Whether the member's role allows `permission` (to hide or disable what would be refused). */
export function useCan(permission: Permission): boolean {
  return useHolder().value.permissions.includes(permission);
}

/**
 * Switching organization, project or environment: the server action checks membership and sets
 * the cookies, the page re-renders with the new context, and cached portal data is refetched.
 */
export function useContextSwitch() {
  const { actions } = useHolder();
  const queryClient = useQueryClient();
  const [pending, startTransition] = useTransition();
  const run = useCallback(
    (call: () => Promise<SwitchResult>) =>
      new Promise<boolean>((resolve) => {
        startTransition(async () => {
          try {
            const result = await call();
            if (!result.ok) {
              toast.error(result.message);
              resolve(false);
              return;
            }
            await queryClient.invalidateQueries();
            resolve(true);
          } catch {
            toast.error("Could not switch. Check your connection and try again.");
            resolve(false);
          }
        });
      }),
    [queryClient],
  );
  return {
    pending,
    selectOrganization: (id: string) => run(() => actions.selectOrganization(id)),
    selectProject: (id: string) => run(() => actions.selectProject(id)),
    selectEnvironment: (environment: "live" | "test") =>
      run(() => actions.selectEnvironment(environment)),
  };
}
